"""Greenhouse sensor poller: a re-armed Timer samples sensors, an analyser looks for cycles."""
import math
import random
import threading
import time

readings = []
readings_lock = threading.Lock()
stop = threading.Event()
polls = 0
CALIBRATION = [math.sin(i / 7.0) + random.gauss(0, 0.1) for i in range(30_000)]


def poll_sensors(sensors, interval):
    global polls
    with readings_lock:
        for name in sensors:
            readings.append((name, time.monotonic(), 20 + random.gauss(0, 1.5)))
        polls += 1  # ok: GIL002
    if not stop.is_set():
        timer = threading.Timer(interval, poll_sensors, args=(sensors, interval))
        timer.daemon = True
        timer.start()


def autocorrelation(series, lag):
    n = len(series)
    mean = sum(series) / n
    num = 0.0
    for i in range(n - lag):  # expect: GIL001
        num += (series[i] - mean) * (series[i + lag] - mean)
    return num / n


def analyser(found):
    while not stop.wait(0.05):  # ok: GIL001
        with readings_lock:
            recent = [value for _, _, value in readings[-60:]]
        series = CALIBRATION + recent
        best = max(range(1, 6), key=lambda k: autocorrelation(series, k * 11))
        found.append(best * 11)


def drain(batch_size=16):
    drained = []
    while True:
        readings_lock.acquire()  # expect: GIL005
        if not readings:
            break
        drained.extend(readings[:batch_size])
        del readings[:batch_size]
        readings_lock.release()
    return drained


def main():
    sensors = ["soil-1", "soil-2", "air-temp", "humidity"]
    found = []
    first = threading.Timer(0.01, poll_sensors, args=(sensors, 0.02))
    first.daemon = True
    worker = threading.Thread(target=analyser, args=(found,), name="analyser")
    first.start()
    worker.start()
    time.sleep(0.4)
    stop.set()
    worker.join()
    rows = drain()
    by_sensor = {}
    for name, _, value in rows:
        by_sensor.setdefault(name, []).append(value)
    for name, values in sorted(by_sensor.items()):
        print(f"{name:9s} n={len(values):3d} mean={sum(values) / len(values):6.2f}")
    print(f"polls={polls} dominant lags={found}")


if __name__ == "__main__":
    main()
