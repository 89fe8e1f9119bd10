# Models a portfolio risk engine whose valuation strategy (Monte Carlo or closed form) is chosen from configuration.
import math
import random
import threading
from concurrent.futures import ThreadPoolExecutor

CONFIG = {"method": "montecarlo", "paths": 30000, "workers": 3}


class ClosedFormPricer:
    """Analytic approximation: a handful of math calls per position."""

    def __init__(self):
        self.calls = 0

    def value(self, spot, strike, vol):
        self.calls += 1  # ok: GIL002
        d1 = (math.log(spot / strike) + 0.5 * vol * vol) / vol
        d2 = d1 - vol
        cdf = lambda x: 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))
        return spot * cdf(d1) - strike * cdf(d2)


class MonteCarloPricer:
    """Simulates terminal prices and averages the call payoff."""

    def __init__(self, paths, seed):
        self.paths = paths
        self.seed = seed
        self.calls = 0
        self.paths_run = 0
        self.lock = threading.Lock()

    def value(self, spot, strike, vol):
        self.calls += 1  # expect: GIL002
        rng = random.Random(self.seed)
        payoff = 0.0
        for _ in range(self.paths):  # expect: GIL001
            terminal = spot * math.exp(vol * rng.gauss(0.0, 1.0) - 0.5 * vol * vol)
            payoff += max(terminal - strike, 0.0)
        with self.lock:
            self.paths_run += self.paths  # ok: GIL002
        return payoff / self.paths


def build_pricer(config):
    """Pick the valuation strategy named in the configuration."""
    if config["method"] == "montecarlo":
        return MonteCarloPricer(config["paths"], seed=7)
    return ClosedFormPricer()


def main():
    positions = [
        ("AAPL", 190.0, 200.0, 0.25),
        ("MSFT", 410.0, 400.0, 0.22),
        ("NVDA", 880.0, 950.0, 0.45),
        ("XOM", 118.0, 110.0, 0.20),
        ("KO", 60.0, 62.0, 0.15),
    ]
    pricer = build_pricer(CONFIG)
    baseline = ClosedFormPricer()
    with ThreadPoolExecutor(max_workers=CONFIG["workers"]) as pool:
        futures = {
            sym: pool.submit(pricer.value, spot, strike, vol)
            for sym, spot, strike, vol in positions
        }
        estimates = {sym: baseline.value(spot, strike, vol) for sym, spot, strike, vol in positions}
    for sym, fut in futures.items():
        print(f"{sym:<5} sim={fut.result():8.3f} analytic={estimates[sym]:8.3f}")
    print(f"paths simulated: {pricer.paths_run}, baseline calls: {baseline.calls}")


if __name__ == "__main__":
    main()
