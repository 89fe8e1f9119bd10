"""Backtest a book of trading strategies in a thread pool; each strategy is looked up by name in a registry."""
import math
import random
from concurrent.futures import ThreadPoolExecutor

N_BARS = 500_000
SUMMARY = {"trades": 0, "runs": 0}
BEST = {"name": None, "pnl": -math.inf}


class Strategy:
    """backtest() walks the bars and asks the subclass's signal() for the wanted position."""

    def __init__(self):
        self.trades = 0

    def signal(self, i, prices):
        raise NotImplementedError

    def backtest(self, prices):
        position, cash = 0, 0.0
        for i in range(1, len(prices)):  # expect: GIL001
            wanted = self.signal(i, prices)
            if wanted != position:
                cash -= (wanted - position) * prices[i]
                position = wanted
                self.trades += 1  # ok: GIL002
        return cash + position * prices[-1]


class MovingAverageCross(Strategy):
    def __init__(self, fast, slow):
        super().__init__()
        self.fast, self.slow = fast, slow
        self.sum_fast = self.sum_slow = 0.0

    def signal(self, i, prices):
        p = prices[i]
        self.sum_fast += p - (prices[i - self.fast] if i > self.fast else 0.0)  # ok: GIL002
        self.sum_slow += p - (prices[i - self.slow] if i > self.slow else 0.0)  # ok: GIL002
        if i <= self.slow:
            return 0
        return 1 if self.sum_fast / self.fast > self.sum_slow / self.slow else -1


class Momentum(Strategy):
    def __init__(self, lookback):
        super().__init__()
        self.lookback = lookback

    def signal(self, i, prices):
        if i < self.lookback:
            return 0
        return 1 if prices[i] > prices[i - self.lookback] else -1


class BuyAndHold(Strategy):
    def signal(self, i, prices):
        return 1


STRATEGIES = {
    "sma_fast": MovingAverageCross(20, 100),
    "sma_slow": MovingAverageCross(50, 400),
    "momentum": Momentum(60),
    "hold": BuyAndHold(),
}


def make_prices(n, seed=7):
    rng = random.Random(seed)
    price, prices = 100.0, []
    for _ in range(n):  # ok: GIL001
        price *= 1.0 + rng.gauss(0.0, 0.01)
        prices.append(price)
    return prices


def run_backtest(name, prices):
    strategy = STRATEGIES[name]
    pnl = strategy.backtest(prices)
    SUMMARY["runs"] += 1  # expect: GIL002
    SUMMARY["trades"] += strategy.trades  # expect: GIL002
    if pnl > BEST["pnl"]:  # expect: GIL003
        BEST["name"], BEST["pnl"] = name, pnl
    return name, pnl


if __name__ == "__main__":
    prices = make_prices(N_BARS)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda name: run_backtest(name, prices), STRATEGIES))
    for name, pnl in results:
        print(f"{name:9s} pnl {pnl:+10.2f}  trades {STRATEGIES[name].trades}")
    print(f"best: {BEST['name']} ({BEST['pnl']:+.2f}); {SUMMARY['trades']} trades in {SUMMARY['runs']} runs")
