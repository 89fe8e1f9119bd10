#!/usr/bin/env python3
"""Rank candidate delivery routes by Monte Carlo wind-drift risk using a thread pool."""
import math
import random
import zlib
from concurrent.futures import ThreadPoolExecutor, as_completed

TRIALS = 15000

ROUTES = [
    {"name": "depot-harbour", "length_km": 4.2, "heading_deg": 80, "exposure": 0.9, "corridor_m": 60},
    {"name": "depot-hospital", "length_km": 2.7, "heading_deg": 15, "exposure": 0.6, "corridor_m": 40},
    {"name": "depot-campus", "length_km": 3.5, "heading_deg": 130, "exposure": 0.7, "corridor_m": 50},
    {"name": "depot-ridge", "length_km": 6.1, "heading_deg": 250, "exposure": 1.4, "corridor_m": 80},
    {"name": "depot-mall", "length_km": 1.9, "heading_deg": 300, "exposure": 0.5, "corridor_m": 30},
    {"name": "depot-airfield", "length_km": 5.4, "heading_deg": 190, "exposure": 1.1, "corridor_m": 70},
]


def wind_samples(rng, n, sigma):
    return [rng.gauss(0.0, sigma) for _ in range(n)]  # expect: GIL001


def drift_risk(route, seed):
    rng = random.Random(seed)
    gusts = wind_samples(rng, TRIALS, route["exposure"])
    crosswind_factor = abs(math.sin(math.radians(route["heading_deg"]))) * route["length_km"]
    limit = route["corridor_m"] / 10.0
    breaches = 0
    worst = 0.0
    for gust in gusts:  # expect: GIL001
        drift = abs(gust) * crosswind_factor
        if drift > limit:
            breaches += 1  # ok: GIL002
        if drift > worst:
            worst = drift
    return breaches / TRIALS, worst


def plan_all(routes, workers=4):
    evaluated = 0
    ranking = []

    def evaluate(route):
        nonlocal evaluated
        risk, worst = drift_risk(route, zlib.crc32(route["name"].encode()))
        evaluated += 1  # expect: GIL002
        return route["name"], risk, worst

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="mc") as pool:
        futures = [pool.submit(evaluate, r) for r in routes]
        for fut in as_completed(futures):  # ok: GIL001
            ranking.append(fut.result())
    ranking.sort(key=lambda row: row[1])
    return ranking, evaluated


def main():
    ranking, evaluated = plan_all(ROUTES)
    print(f"evaluated {evaluated}/{len(ROUTES)} routes x {TRIALS} wind trials")
    for rank, (name, risk, worst) in enumerate(ranking, start=1):
        verdict = "APPROVED" if risk < 0.05 else "REVIEW"
        print(f"{rank}. {name:<15} breach p={risk:.3f}  worst drift={worst:5.2f}  {verdict}")


if __name__ == "__main__":
    main()
