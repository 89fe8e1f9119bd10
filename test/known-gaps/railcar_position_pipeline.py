"""Freight rail car tracking: GPS pings flow through a generator pipeline into a shared tracker.

Pings for each shard of cars are synthesised, parsed, de-duplicated and turned into distance
increments.  One worker thread per shard runs the pipeline; the closure it runs is built by
a factory.  Mileage is booked through a @synchronized method, yard counters are not.
"""
from __future__ import annotations

import functools
import logging
import math
import random
import threading
import time
from dataclasses import dataclass
from typing import Iterable, Iterator

log = logging.getLogger("railcars")

EARTH_KM = 6371.0
PINGS_PER_CAR = 800
YARDS = {"BNSF-Barstow": (34.90, -117.02), "UP-Bailey": (41.13, -100.83),
         "CSX-Selkirk": (42.55, -73.82), "NS-Conway": (40.66, -80.24)}


def synchronized(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)
    return wrapper


@dataclass(frozen=True)
class Ping:
    car: str
    ts: int
    lat: float
    lon: float


def raw_pings(cars: list[str], per_car: int, seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    for car in cars:
        lat, lon = rng.choice(list(YARDS.values()))
        for ts in range(per_car):
            lat += rng.uniform(-0.01, 0.012)
            lon += rng.uniform(-0.015, 0.01)
            yield f"{car},{ts},{lat:.5f},{lon:.5f}"
            if ts % 97 == 0:
                yield f"{car},{ts},{lat:.5f},{lon:.5f}"  # modem retransmission


def parse(lines: Iterable[str]) -> Iterator[Ping]:
    for line in lines:
        car, ts, lat, lon = line.split(",")
        yield Ping(car, int(ts), float(lat), float(lon))


def dedupe(pings: Iterable[Ping]) -> Iterator[Ping]:
    last: tuple[str, int] | None = None
    for p in pings:
        if (p.car, p.ts) != last:
            last = (p.car, p.ts)
            yield p


def haversine_km(a: Ping, b: Ping) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def nearest_yard(p: Ping) -> str:
    return min(YARDS, key=lambda y: (YARDS[y][0] - p.lat) ** 2 + (YARDS[y][1] - p.lon) ** 2)


class FleetTracker:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self.miles: dict[str, float] = {}
        self.pings_by_yard: dict[str, int] = {}
        self.last_seen: dict[str, Ping] = {}

    @synchronized
    def add_mileage(self, car: str, km: float) -> None:
        self.miles.setdefault(car, 0.0)
        self.miles[car] += km * 0.621371  # ok: GIL002

    def consume(self, pings: Iterable[Ping]) -> int:
        previous: Ping | None = None
        count = 0
        for ping in pings:  # expect: GIL001
            if previous is not None and previous.car == ping.car:
                self.add_mileage(ping.car, haversine_km(previous, ping))
            if ping.ts % 50 == 0:
                yard = nearest_yard(ping)
                self.pings_by_yard[yard] = self.pings_by_yard.get(yard, 0) + 1  # expect: GIL002
            previous = ping
            count += 1
        if previous is not None:
            self.last_seen[previous.car] = previous
        return count


def make_shard_worker(tracker: FleetTracker, cars: list[str], per_car: int, seed: int,
                      done: list[int]):
    def work() -> None:
        pipeline = dedupe(parse(raw_pings(cars, per_car, seed)))
        done.append(tracker.consume(pipeline))
    return work


def main() -> None:
    fleet = [f"TTGX{n:06d}" for n in range(40)]
    shards = [fleet[i::4] for i in range(4)]
    tracker = FleetTracker()
    done: list[int] = []
    threads = [
        threading.Thread(target=make_shard_worker(tracker, cars, PINGS_PER_CAR, seed=i, done=done),
                         name=f"shard-{i}")
        for i, cars in enumerate(shards)
    ]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    total_miles = sum(tracker.miles.values())
    yard_pings = sum(tracker.pings_by_yard.values())
    print(f"processed {sum(done)} pings for {len(tracker.miles)} cars in {elapsed:.2f}s")
    print(f"fleet mileage {total_miles:.1f} mi; yard pings = {yard_pings} "
          f"(expected {len(fleet) * (PINGS_PER_CAR // 50)})")
    for yard, n in sorted(tracker.pings_by_yard.items()):
        print(f"  {yard}: {n}")


if __name__ == "__main__":
    main()
