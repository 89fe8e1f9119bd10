"""Async poller for a few weather stations that appends readings to a CSV log."""
import asyncio
import gzip
import math
import random
import tempfile
import time
from pathlib import Path

STATIONS = ["harbor", "ridge", "airfield", "orchard"]
READINGS_PER_STATION = 6
POLL_INTERVAL = 0.05
SETTLE_TIME = 0.02


def settle_sensor(station):
    time.sleep(SETTLE_TIME)  # expect: GIL004


def sample(station, tick, rng):
    base = 12.0 + 3.0 * math.sin(tick / 3.0) + len(station) * 0.4
    return base + rng.uniform(-0.5, 0.5)


def append_reading(path, station, tick, value):
    with open(path, "a", encoding="utf-8") as fh:  # expect: GIL004
        fh.write(f"{station},{tick},{value:.2f}\n")


def compress_archive(path):
    data = path.read_bytes()  # ok: GIL004
    path.with_suffix(".csv.gz").write_bytes(gzip.compress(data))  # ok: GIL004
    return len(data)


async def poll_station(station, path, rng):
    values = []
    for tick in range(READINGS_PER_STATION):
        await asyncio.sleep(POLL_INTERVAL)
        settle_sensor(station)
        value = sample(station, tick, rng)
        append_reading(path, station, tick, value)
        values.append(value)
    return station, sum(values) / len(values)


async def main(path):
    rng = random.Random(11)
    start = time.perf_counter()
    results = await asyncio.gather(*(poll_station(s, path, rng) for s in STATIONS))
    raw_size = await asyncio.to_thread(compress_archive, path)
    elapsed = time.perf_counter() - start
    for station, mean in results:
        print(f"{station:9s} mean {mean:6.2f} C")
    print(f"logged {raw_size} bytes in {elapsed:.2f}s")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        log_path = Path(tmp) / "readings.csv"
        log_path.write_text("station,tick,celsius\n", encoding="utf-8")
        asyncio.run(main(log_path))
        lines = log_path.read_text(encoding="utf-8").splitlines()
        print(f"{len(lines) - 1} rows, archive {log_path.with_suffix('.csv.gz').stat().st_size} bytes")
