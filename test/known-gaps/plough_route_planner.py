"""Municipal snow plough routing: plan a shortest-path service tree from each depot, one thread each."""
import heapq
import logging
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterator, List, Optional, Tuple

log = logging.getLogger("plough.planner")

CONFIG = {
    "grid": 150,
    "depots": [("harbour", 0), ("old-town", 11325), ("uplands", 22499), ("harbour", 120)],
    "seed": 21,
    "salt_t_per_km": 0.12,
}
PRIORITY_FACTOR = {1: 0.6, 2: 1.0, 3: 1.8}  # arterials first, cul-de-sacs last


@dataclass(frozen=True)
class Street:
    to: int
    metres: float
    priority: int


class StreetGraph:
    def __init__(self, size: int, rng: random.Random):
        self.size = size
        self.adj: List[List[Street]] = [[] for _ in range(size * size)]
        for r in range(size):
            for c in range(size):
                node = r * size + c
                if c + 1 < size:
                    self._link(node, node + 1, rng)
                if r + 1 < size:
                    self._link(node, node + size, rng)

    def _link(self, a: int, b: int, rng: random.Random) -> None:
        metres = rng.uniform(60, 240)
        priority = 1 if a % 10 == 0 else rng.choice((2, 2, 3))
        self.adj[a].append(Street(b, metres, priority))
        self.adj[b].append(Street(a, metres, priority))

    def neighbours(self, node: int) -> List[Street]:
        return self.adj[node]


def weighted_by_priority(street: Street) -> float:
    return street.metres * PRIORITY_FACTOR[street.priority]


def dijkstra(graph: StreetGraph, source: int, weight: Optional[Callable[[Street], float]] = None
             ) -> Dict[int, float]:
    weight = weight or (lambda street: street.metres)
    dist: Dict[int, float] = {source: 0.0}
    frontier: List[Tuple[float, int]] = [(0.0, source)]
    settled = set()
    while frontier:  # expect: GIL001
        d, node = heapq.heappop(frontier)
        if node in settled:
            continue
        settled.add(node)
        for street in graph.neighbours(node):
            nd = d + weight(street)
            if nd < dist.get(street.to, float("inf")):
                dist[street.to] = nd
                heapq.heappush(frontier, (nd, street.to))
    return dist


STRATEGIES = {"priority": dijkstra}

routes_planned = 0
salt_orders: Dict[str, List[float]] = {}
stats = {"settled": 0}
stats_lock = threading.Lock()


def open_order_book(district: str) -> List[float]:
    time.sleep(0.002)  # look up the district's account at the salt supplier
    return []


@dataclass
class Plan:
    district: str
    depot: int
    reach_km: float
    salt_t: float
    farthest: int = field(default=-1)


class PlannerThread(threading.Thread):
    def __init__(self, district: str, graph: StreetGraph, depot: int, strategy: str = "priority",
                 **thread_kwargs):
        super().__init__(name=f"plan-{district}-{depot}", **thread_kwargs)
        self.district = district
        self.graph = graph
        self.depot = depot
        self.solve = STRATEGIES[strategy]
        self.plan: Optional[Plan] = None

    def run(self) -> None:
        global routes_planned
        dist = self.solve(self.graph, self.depot, weight=weighted_by_priority)
        farthest = max(dist, key=dist.get)
        reach_km = dist[farthest] / 1000.0
        tonnes = round(reach_km * CONFIG["salt_t_per_km"], 2)
        if self.district not in salt_orders:  # expect: GIL003
            salt_orders[self.district] = open_order_book(self.district)
        salt_orders[self.district].append(tonnes)
        with stats_lock:
            stats["settled"] += len(dist)  # ok: GIL002
        routes_planned += 1  # expect: GIL002
        self.plan = Plan(self.district, self.depot, reach_km, tonnes, farthest)


def launch(planners: List[PlannerThread]) -> Iterator[PlannerThread]:
    for planner in planners:
        planner.start()
    for planner in planners:
        planner.join()
        yield planner


def summarise(plans: Iterator[Plan]) -> Iterator[str]:
    for plan in plans:
        yield f"{plan.district:>9} depot {plan.depot:>5}: reach {plan.reach_km:6.1f} km, salt {plan.salt_t} t"


def main(config: dict) -> None:
    rng = random.Random(config["seed"])
    graph = StreetGraph(config["grid"], rng)
    planners = [PlannerThread(district, graph, depot, daemon=True) for district, depot in config["depots"]]
    started = time.perf_counter()
    finished = list(launch(planners))
    for line in summarise(p.plan for p in finished):
        print(line)
    ordered = sum(len(orders) for orders in salt_orders.values())
    print(f"routes planned = {routes_planned} (expected {len(planners)})")
    print(f"salt orders kept = {ordered} (expected {len(planners)})")
    print(f"settled {stats['settled']} nodes in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    main(CONFIG)
