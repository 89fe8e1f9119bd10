#!/usr/bin/env python3
"""Watch simulated PMU frequency feeds and run a one-shot spectral scan."""
import math
import random
import threading
import time

NOMINAL_HZ = 60.0
MAX_LOG = 500

alarm_count = 0
stop = threading.Event()
log_lock = threading.Lock()
event_log = []
windows_lock = threading.Lock()
windows = {}  # pmu id -> list of samples


def record_event(pmu, msg):
    log_lock.acquire()  # expect: GIL005
    if len(event_log) >= MAX_LOG:
        return  # log full: drop the event (lock is never released here)
    event_log.append(f"{time.monotonic():.3f} {pmu}: {msg}")
    log_lock.release()


def sample_pmu(pmu_id, seed):
    global alarm_count
    rng = random.Random(seed)
    while not stop.is_set():  # ok: GIL001
        hz = NOMINAL_HZ + rng.gauss(0, 0.03)
        with windows_lock:
            windows.setdefault(pmu_id, []).append(hz)
        if abs(hz - NOMINAL_HZ) > 0.05:
            alarm_count += 1  # expect: GIL002
            record_event(pmu_id, f"deviation {hz:.3f} Hz")
        time.sleep(0.01)


def peak_spectral_bin(samples, bins=6000):
    """Fine-grained DFT scan; returns (bin, magnitude) of the strongest component."""
    n = len(samples)
    best = (0, 0.0)
    re = im = 0.0
    for idx in range(n * bins):  # expect: GIL001
        k, i = divmod(idx, n)
        if i == 0:
            re = im = 0.0
        angle = math.pi * (k + 1) * i / bins
        dev = samples[i] - NOMINAL_HZ
        re += dev * math.cos(angle)
        im += dev * math.sin(angle)
        if i == n - 1 and math.hypot(re, im) > best[1]:
            best = (k + 1, math.hypot(re, im))
    return best


def analyze_snapshot(results):
    with windows_lock:
        samples = list(windows.get("pmu-0", []))
    if samples:
        results["pmu-0"] = peak_spectral_bin(samples)


def main():
    spectral = {}
    feeds = [threading.Thread(target=sample_pmu, args=(f"pmu-{i}", i), daemon=True)
             for i in range(4)]
    timer = threading.Timer(0.15, analyze_snapshot, args=(spectral,))
    for feed in feeds:
        feed.start()
    timer.start()
    timer.join()
    stop.set()
    for feed in feeds:
        feed.join()
    print(f"alarms={alarm_count} logged={len(event_log)}")
    print("peak spectral bin:", spectral)


if __name__ == "__main__":
    main()
