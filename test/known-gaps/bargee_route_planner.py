"""Canal route planner for a barge carrying company.

The network is a grid of pounds joined by cuts and locks.  Each booking gets a
cheapest route (time through locks + towing time) from a Dijkstra search.
Bookings are run in background threads started through a small spawn helper;
a water-level watcher thread polls the summit gauges meanwhile.
"""
from __future__ import annotations

import heapq
import logging
import random
import threading
import time
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple

log = logging.getLogger("bargee.routes")

Node = Tuple[int, int]

NETWORK = {"width": 120, "height": 120, "lock_minutes": 12.0, "seed": 1794}

STATS = threading.local()


@dataclass(frozen=True)
class Booking:
    barge: str
    origin: Node
    destination: Node


@dataclass
class Route:
    minutes: float
    path: List[Node]

    @property
    def locks(self) -> int:
        return max(0, len(self.path) // 7)


class CanalNetwork:
    def __init__(self, width: int, height: int, lock_minutes: float, seed: int) -> None:
        rng = random.Random(seed)
        self.width, self.height = width, height
        self.edges: Dict[Node, List[Tuple[Node, float]]] = {}
        for x in range(width):
            for y in range(height):
                out = []
                for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                    nx, ny = x + dx, y + dy
                    if 0 <= nx < width and 0 <= ny < height:
                        towing = 4.0 + rng.random() * 6.0
                        out.append(((nx, ny), towing + (lock_minutes if rng.random() < 0.1 else 0.0)))
                self.edges[(x, y)] = out


def dijkstra(net: CanalNetwork, src: Node, dst: Node) -> Route:
    dist: Dict[Node, float] = {src: 0.0}
    prev: Dict[Node, Node] = {}
    frontier = [(0.0, src)]
    relaxed = 0
    while frontier:  # expect: GIL001
        d, node = heapq.heappop(frontier)
        if node == dst:
            break
        if d > dist.get(node, float("inf")):
            continue
        for nxt, w in net.edges[node]:
            nd = d + w
            if nd < dist.get(nxt, float("inf")):
                dist[nxt] = nd
                prev[nxt] = node
                heapq.heappush(frontier, (nd, nxt))
                relaxed += 1
    STATS.relaxations += relaxed  # ok: GIL002
    path, node = [dst], dst
    while node != src:
        node = prev[node]
        path.append(node)
    return Route(dist[dst], path[::-1])


class RoutePlanner:
    def __init__(self, net: CanalNetwork) -> None:
        self.net = net
        self._cache: Dict[Tuple[Node, Node], Route] = {}
        self.requests_served = 0
        self.answers: Dict[str, Route] = {}

    def cached_route(self, src: Node, dst: Node) -> Route:
        key = (src, dst)
        if key not in self._cache:  # expect: GIL003
            self._cache[key] = dijkstra(self.net, src, dst)
        return self._cache[key]

    def plan_one(self, booking: Booking) -> None:
        route = self.cached_route(booking.origin, booking.destination)
        self.answers[booking.barge] = route
        self.requests_served += 1  # expect: GIL002


def run_job(fn: Callable[..., None], *args, label: str = "job", **kwargs) -> None:
    STATS.relaxations = 0
    started = time.perf_counter()
    fn(*args, **kwargs)
    log.info("%s finished in %.3fs (%d relaxations)", label, time.perf_counter() - started, STATS.relaxations)


def spawn(fn: Callable[..., None], *args, **kwargs) -> threading.Thread:
    t = threading.Thread(target=run_job, args=(fn, *args), kwargs=kwargs, name=kwargs.get("label"))
    t.start()
    return t


def watch_summit(stop: threading.Event, readings: List[float], period: float) -> None:
    level = 100.0
    while not stop.wait(period):  # ok: GIL001
        level -= 0.2
        readings.append(round(level, 1))


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    net = CanalNetwork(**NETWORK)
    planner = RoutePlanner(net)
    far = (NETWORK["width"] - 1, NETWORK["height"] - 1)
    bookings = [
        Booking("Kestrel", (0, 0), far),
        Booking("Unity", (0, 0), far),
        Booking("Saturn", (5, 110), (115, 3)),
        Booking("Perseverance", (60, 0), (60, 119)),
    ]
    stop = threading.Event()
    summit: List[float] = []
    watcher = threading.Thread(target=watch_summit, args=(stop, summit, 0.01), name="summit-gauge")
    watcher.start()
    started = time.perf_counter()
    jobs = [spawn(planner.plan_one, b, label=f"plan-{b.barge}") for b in bookings]
    for job in jobs:
        job.join()
    stop.set()
    watcher.join()
    print(f"{planner.requests_served} bookings planned in {time.perf_counter() - started:.2f}s; "
          f"summit gauge read {len(summit)} times")
    for barge, route in sorted(planner.answers.items()):
        print(f"  {barge:13s} {route.minutes:7.1f} min, {len(route.path)} pounds, ~{route.locks} locks")


if __name__ == "__main__":
    main()
