"""Canal router: shortest water routes across a grid model of the lagoon city.

The canal network is a grid of junctions with bridges low enough to block some
passages at high water.  Route requests from the booking desk are planned in a
thread pool; finished routes are cached in a module-level dict so that a repeat
booking does not have to be planned again.
"""
from __future__ import annotations

import functools
import heapq
import logging
import math
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

log = logging.getLogger("gondolier.router")

Node = Tuple[int, int]
ROUTE_CACHE: Dict[Tuple[Node, Node], Optional[float]] = {}
_tls = threading.local()
CITY = {"width": 140, "height": 140, "seed": 1171, "blocked_fraction": 0.12}


def retry(times: int = 2, exceptions=(KeyError,)):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(1, times + 1):
                try:
                    return fn(*args, **kwargs)
                except exceptions:
                    if attempt == times:
                        raise
                    log.warning("%s: retrying", fn.__name__)
        return wrapper
    return decorate


class CanalGraph:
    def __init__(self, width: int, height: int, seed: int, blocked_fraction: float) -> None:
        self.width = width
        self.height = height
        self.seed = seed
        self.blocked_fraction = blocked_fraction
        self.edges: Dict[Node, List[Tuple[Node, float]]] = {}
        self.edge_count = 0

    def build(self) -> "CanalGraph":
        rng = random.Random(self.seed)
        for y in range(self.height):
            for x in range(self.width):
                self.edges[(x, y)] = []
        for y in range(self.height):
            for x in range(self.width):
                for nx, ny in ((x + 1, y), (x, y + 1)):
                    if nx >= self.width or ny >= self.height:
                        continue
                    if rng.random() < self.blocked_fraction:
                        continue
                    cost = rng.uniform(1.0, 3.0)
                    self.edges[(x, y)].append(((nx, ny), cost))
                    self.edges[(nx, ny)].append(((x, y), cost))
                    self.edge_count += 1  # ok: GIL002
        return self


def shortest_path(graph: CanalGraph, src: Node, dst: Node) -> Optional[float]:
    dist: Dict[Node, float] = {src: 0.0}
    frontier: List[Tuple[float, Node]] = [(0.0, src)]
    while frontier:  # expect: GIL001
        d, node = heapq.heappop(frontier)
        if node == dst:
            return d
        if d > dist.get(node, math.inf):
            continue
        for nxt, cost in graph.edges[node]:
            nd = d + cost
            if nd < dist.get(nxt, math.inf):
                dist[nxt] = nd
                heapq.heappush(frontier, (nd, nxt))
    return None


@dataclass(frozen=True)
class Booking:
    ref: str
    src: Node
    dst: Node


@retry(times=2)
def plan_route(graph: CanalGraph, booking: Booking) -> Tuple[str, Optional[float]]:
    if not hasattr(_tls, "lookups"):  # ok: GIL003
        _tls.lookups = 0
    _tls.lookups += 1  # ok: GIL002
    key = (booking.src, booking.dst)
    if key not in ROUTE_CACHE:  # expect: GIL003
        ROUTE_CACHE[key] = shortest_path(graph, *key)
    return booking.ref, ROUTE_CACHE[key]


def bookings(width: int, height: int) -> List[Booking]:
    far = (width - 1, height - 1)
    return [
        Booking("B-101", (0, 0), far),
        Booking("B-102", (0, height - 1), (width - 1, 0)),
        Booking("B-103", (0, 0), far),
        Booking("B-104", (width // 2, 0), (width // 2, height - 1)),
        Booking("B-105", (0, height // 2), (width - 1, height // 2)),
        Booking("B-106", (0, height - 1), (width - 1, 0)),
    ]


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    graph = CanalGraph(**CITY).build()
    built = time.perf_counter()
    requests = bookings(CITY["width"], CITY["height"])
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="router") as desk:
        routes = list(desk.map(functools.partial(plan_route, graph), requests))
    planned = time.perf_counter()

    print(f"canal graph: {len(graph.edges)} junctions, {graph.edge_count} passages "
          f"({(built - started) * 1000:.0f} ms)")
    for ref, cost in routes:
        print(f"  {ref}: {'no route' if cost is None else f'{cost:.1f} min'}")
    print(f"cached routes = {len(ROUTE_CACHE)}; planned {len(routes)} bookings "
          f"in {(planned - built) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
