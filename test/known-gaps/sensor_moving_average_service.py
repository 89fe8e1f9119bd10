#!/usr/bin/env python3
"""Toy telemetry service: sensor threads push readings, two smoother threads compute moving averages."""
import collections
import random
import threading
import time

readings = collections.deque()
smoothed = {}
flushes = {}
smoothed_lock = threading.Lock()
dropped = 0
stop = threading.Event()


def sensor(sensor_id, rate_hz, seed):
    rng = random.Random(seed)
    level = 20.0
    while not stop.is_set():  # ok: GIL001
        level += rng.uniform(-0.5, 0.5)  # ok: GIL002
        value = 999.0 if rng.random() < 0.03 else level
        readings.append((sensor_id, value))
        time.sleep(1.0 / rate_hz)


def moving_average(values, window):
    out = []
    acc = 0.0
    for i, v in enumerate(values):  # expect: GIL001
        acc += v
        if i >= window:
            acc -= values[i - window]
        out.append(acc / min(i + 1, window))
    return out


def smoother(window):
    global dropped
    batch = collections.defaultdict(list)
    while not stop.is_set():  # ok: GIL001
        if readings:  # expect: GIL003
            sid, value = readings.popleft()
        else:
            time.sleep(0.004)
            continue
        if value > 100.0:
            dropped += 1  # expect: GIL002
            continue
        vals = batch[sid]
        vals.append(value)
        if len(vals) >= 40:
            avg = moving_average(vals, window)[-1]
            with smoothed_lock:
                smoothed[sid] = avg
                flushes[sid] = flushes.get(sid, 0) + 1  # ok: GIL002
            batch[sid] = vals[-window:]


def report():
    with smoothed_lock:
        view = dict(smoothed)
    print("status: %d sensors smoothed, backlog %d" % (len(view), len(readings)))


def main():
    threads = [threading.Thread(target=sensor, args=(f"temp-{i}", 250, i)) for i in range(3)]
    threads += [threading.Thread(target=smoother, args=(8,), name=f"smooth-{i}") for i in range(2)]
    for t in threads:
        t.start()
    status = threading.Timer(0.35, report)
    status.start()
    time.sleep(0.7)
    stop.set()
    status.join()
    for t in threads:
        t.join()
    with smoothed_lock:
        for sid in sorted(smoothed):
            print(f"{sid}: moving avg {smoothed[sid]:.2f} after {flushes[sid]} flushes")
    print("dropped spikes:", dropped)


if __name__ == "__main__":
    main()
