#!/usr/bin/env python3
"""Run an STA/LTA event trigger over synthetic traces from several stations in parallel."""
import math
import random
import threading
from concurrent.futures import ThreadPoolExecutor

STATIONS = ["ANMO", "COLA", "HRV", "PFO", "TUC", "KIP"]
STA_WIN = 50
LTA_WIN = 500
THRESHOLD = 3.0

triggers_total = 0
stations_done = 0
done_lock = threading.Lock()


def synth_trace(seed, n=4000):
    """Background noise with one or two bursts; built on the main thread before the pool starts."""
    rng = random.Random(seed)
    onsets = {rng.randint(1000, 2000), rng.randint(2500, 3500)}
    trace = []
    for i in range(n):  # ok: GIL001
        amp = 1.0
        for onset in onsets:
            if onset <= i < onset + 200:
                amp += 8.0 * math.exp(-(i - onset) / 60.0)
        trace.append(rng.gauss(0.0, amp))
    return trace


def count_triggers(trace):
    """Recursive STA/LTA: count how many times the ratio crosses the threshold."""
    sta = lta = 0.0
    hits = 0
    armed = True
    for i, x in enumerate(trace):  # expect: GIL001
        e = x * x
        sta += (e - sta) / STA_WIN
        lta += (e - lta) / LTA_WIN
        ratio = sta / lta if lta > 1e-12 else 0.0
        if armed and i > LTA_WIN and ratio > THRESHOLD:
            hits += 1  # ok: GIL002
            armed = False
        elif ratio < 1.5:
            armed = True
    return hits


def process_station(item):
    global triggers_total, stations_done
    name, trace = item
    hits = count_triggers(trace)
    triggers_total += hits  # expect: GIL002
    with done_lock:
        stations_done += 1  # ok: GIL002
    return name, hits


def main():
    traces = [(name, synth_trace(idx)) for idx, name in enumerate(STATIONS)]
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="stalta") as pool:
        results = list(pool.map(process_station, traces))
    for name, hits in results:
        flag = "EVENT" if hits else "quiet"
        print(f"{name:5s} triggers={hits:2d} {flag}")
    print(f"stations={stations_done} total_triggers={triggers_total}")


if __name__ == "__main__":
    main()
