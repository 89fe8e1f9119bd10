# Aggregates wind readings from simulated weather-station sensors into per-station statistics.
import functools
import math
import queue
import random
import threading
import time

STATIONS = ["harbor", "airfield", "ridge", "valley"]

readings_q = queue.Queue()
totals_lock = threading.Lock()
station_totals = {}
station_counts = {}
max_gust = {"station": None, "value": 0.0}
storm_readings = 0
_local = threading.local()


def sensor(station, samples, interval):
    """Emit samples at a fixed interval, like a polled anemometer."""
    rng = random.Random(station)
    for _ in range(samples):  # ok: GIL001
        readings_q.put((station, rng.uniform(0.0, 30.0)))
        time.sleep(interval)


def aggregator(stop, processed):
    """Consume readings until the sensors are done and the queue is drained."""
    global storm_readings
    _local.seen = 0
    while not stop.is_set() or not readings_q.empty():  # ok: GIL001
        try:
            station, value = readings_q.get(timeout=0.05)
        except queue.Empty:
            continue
        _local.seen += 1  # ok: GIL002
        with totals_lock:
            station_totals[station] = station_totals.get(station, 0.0) + value  # ok: GIL002
        station_counts[station] += 1  # expect: GIL002
        if value >= 25.0:
            storm_readings += 1  # expect: GIL002
        if value > max_gust["value"]:  # expect: GIL003
            max_gust["value"] = value
            max_gust["station"] = station
    processed.append(_local.seen)


def hourly_rollup(series, report):
    """Three-point moving average over the archived barometer series."""
    smoothed = [(a + b + c) / 3.0 for a, b, c in zip(series, series[1:], series[2:])]  # expect: GIL001
    report["peak_smoothed"] = max(smoothed)
    report["points"] = len(smoothed)


def main():
    for name in STATIONS:
        station_counts[name] = 0

    history = [1013.0 + 8.0 * math.sin(i / 500.0) for i in range(200_000)]  # ok: GIL001
    report = {}
    rollup = threading.Timer(0.01, hourly_rollup, args=(history, report))
    rollup.start()

    stop = threading.Event()
    processed = []
    consumers = [threading.Thread(target=aggregator, args=(stop, processed)) for _ in range(2)]
    for c in consumers:
        c.start()

    sensors = [
        threading.Thread(target=functools.partial(sensor, name, 12, 0.004), name=f"sensor-{name}")
        for name in STATIONS
    ]
    for s in sensors:
        s.start()
    for s in sensors:
        s.join()
    stop.set()
    for c in consumers:
        c.join()
    rollup.join()

    for name in STATIONS:
        count = station_counts[name]
        mean = station_totals.get(name, 0.0) / count if count else 0.0
        print(f"{name:9s} n={count:3d} mean wind={mean:5.1f} m/s")
    print(f"max gust {max_gust['value']:.1f} at {max_gust['station']}; storm readings {storm_readings}; "
          f"consumers saw {processed}")
    print(f"barometer rollup: {report['points']} points, peak {report['peak_smoothed']:.2f} hPa")


if __name__ == "__main__":
    main()
