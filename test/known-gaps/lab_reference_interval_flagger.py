#!/usr/bin/env python3
"""Flag patient results against population reference intervals.

Reference intervals are derived lazily from historical results (mean +/- 2 SD)
and cached; batches of incoming results are flagged in a thread pool.
"""
import random
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from functools import partial

UNITS = {"GLU": 0.0555, "CREA": 88.4, "K": 1.0, "NA": 1.0}
_interval_cache = {}
_unit_cache = {}
_cache_lock = threading.Lock()
flag_counts = {"L": 0, "N": 0, "H": 0}
flag_lock = threading.Lock()
abnormal_total = 0


def compute_interval(values):
    n, mean, m2 = 0, 0.0, 0.0
    for v in values:  # expect: GIL001
        n += 1  # ok: GIL002
        delta = v - mean
        mean += delta / n
        m2 += delta * (v - mean)
    sd = (m2 / (n - 1)) ** 0.5
    return mean - 2 * sd, mean + 2 * sd


def reference_interval(analyte, history):
    if analyte not in _interval_cache:  # expect: GIL003
        _interval_cache[analyte] = compute_interval(history[analyte])
    return _interval_cache[analyte]


def si_factor(analyte):
    with _cache_lock:
        if analyte not in _unit_cache:  # ok: GIL003
            _unit_cache[analyte] = UNITS.get(analyte, 1.0)
        return _unit_cache[analyte]


def flag_batch(history, batch):
    global abnormal_total
    analyte, values = batch
    low, high = reference_interval(analyte, history)
    factor = si_factor(analyte)
    flags = ["L" if v < low else "H" if v > high else "N" for v in values]  # expect: GIL001
    lows, highs = flags.count("L"), flags.count("H")
    with flag_lock:
        flag_counts["L"] += lows  # ok: GIL002
        flag_counts["H"] += highs  # ok: GIL002
        flag_counts["N"] += len(flags) - lows - highs
    abnormal = lows + highs
    abnormal_total += abnormal  # expect: GIL002
    return analyte, abnormal, round(low * factor, 2), round(high * factor, 2)


def main():
    rng = random.Random(2024)
    params = {"GLU": (95, 12), "CREA": (0.9, 0.2), "K": (4.2, 0.4), "NA": (140, 3)}
    history = {a: [rng.gauss(mu, sd) for _ in range(40000)] for a, (mu, sd) in params.items()}
    batches = []
    for a, (mu, sd) in params.items():
        for _ in range(3):
            batches.append((a, [rng.gauss(mu, sd * 1.3) for _ in range(5000)]))

    job = partial(flag_batch, history)
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(job, b) for b in batches]
        for fut in as_completed(futures):
            analyte, abnormal, lo_si, hi_si = fut.result()
            print(f"{analyte:<5} abnormal={abnormal:>4} SI range=[{lo_si}, {hi_si}]")
    print("flag totals:", flag_counts, "abnormal:", abnormal_total)


if __name__ == "__main__":
    main()
