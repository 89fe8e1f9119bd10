#!/usr/bin/env python3
"""Yield forecast: Monte Carlo tonnes-per-hectare estimates for each vineyard block."""
import random
import threading

BLOCKS = {"Chardonnay-East": 4.2, "Chardonnay-West": 3.1, "Pinot-Clone115": 5.0,
          "Pinot-Clone777": 2.7, "Riesling-Terrace": 1.9}


class FrostRiskModel(threading.Thread):
    """Scores spring frost risk over simulated nights for one block."""

    def __init__(self, block, nights, shared_scores):
        super().__init__(name=f"frost-{block}")
        self.block = block
        self.nights = nights
        self.shared_scores = shared_scores

    def run(self):
        rng = random.Random(f"frost:{self.block}")
        lows = [rng.gauss(2.5, 2.0) for _ in range(self.nights)]  # expect: GIL001
        risky = sum(1 for t in lows if t < 0.0)  # expect: GIL001
        self.shared_scores[self.block] = risky / self.nights


def run_forecasts(trials):
    done = 0
    summary = {}
    best = {"block": None, "tonnes": 0.0}
    lock = threading.Lock()

    def simulate(block, hectares):
        nonlocal done
        rng = random.Random(block)
        total = 0.0
        for _ in range(trials):  # expect: GIL001
            clusters_per_vine = rng.gauss(22.0, 3.0)
            cluster_kg = rng.uniform(0.11, 0.16)
            total += clusters_per_vine * cluster_kg * 2.5
        tonnes = total / trials * hectares
        with lock:
            summary[block] = round(tonnes, 1)
        if tonnes > best["tonnes"]:  # expect: GIL003
            best["block"], best["tonnes"] = block, tonnes
        done += 1  # expect: GIL002

    threads = [threading.Thread(target=simulate, args=item) for item in BLOCKS.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return summary, best, done


def main():
    summary, best, done = run_forecasts(trials=40000)
    frost_scores = {}
    models = [FrostRiskModel(b, 30000, frost_scores) for b in BLOCKS]
    for m in models:
        m.start()
    for m in models:
        m.join()
    print(f"{done} blocks forecast")
    for block, tonnes in sorted(summary.items()):
        print(f"  {block:<17} {tonnes:6.1f} t   frost risk {frost_scores[block]:.1%}")
    print(f"largest crop: {best['block']} ({best['tonnes']:.1f} t)")


if __name__ == "__main__":
    main()
