"""Drone delivery route planner.

Every drone gets its parcel stops from the order system; the planner picks the
nearest depot, orders the stops with an angular sweep and improves the tour with
2-opt.  Plans for the whole fleet are computed on a ThreadPoolExecutor and the
finished routes are handed to registered listeners (dispatch board, metrics).
"""
from __future__ import annotations

import functools
import logging
import math
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Callable

log = logging.getLogger("drone.planner")

PLANNER_CONFIG = {"workers": 3, "stops_per_drone": 200, "max_passes": 10, "seed": 11}


@dataclass(frozen=True)
class Point:
    x: float
    y: float

    def dist(self, other: "Point") -> float:
        return math.hypot(self.x - other.x, self.y - other.y)


@dataclass(frozen=True)
class Depot:
    name: str
    location: Point


@dataclass
class Drone:
    drone_id: str
    base: Point
    range_km: float = 60.0


@dataclass
class Route:
    drone_id: str
    depot: str
    tour: list = field(default_factory=list)

    @property
    def length_km(self) -> float:
        return sum(a.dist(b) for a, b in zip(self.tour, self.tour[1:]))


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        result = fn(*args, **kwargs)
        log.debug("%s: %.1f ms", fn.__qualname__, (time.perf_counter() - started) * 1e3)
        return result
    return wrapper


class TourOptimizer:
    def __init__(self, max_passes: int = 10):
        self.max_passes = max_passes

    def optimize(self, depot: Point, stops: list[Point]) -> list[Point]:
        sweep = sorted(stops, key=lambda p: math.atan2(p.y - depot.y, p.x - depot.x))
        return self._two_opt([depot, *sweep, depot])

    def _two_opt(self, tour: list[Point]) -> list[Point]:
        n = len(tour)
        improved, passes = True, 0
        while improved and passes < self.max_passes:  # expect: GIL001
            improved = False
            passes += 1
            for i in range(1, n - 2):
                for j in range(i + 1, n - 1):
                    a, b, c, d = tour[i - 1], tour[i], tour[j], tour[j + 1]
                    if a.dist(c) + b.dist(d) < a.dist(b) + c.dist(d) - 1e-9:
                        tour[i:j + 1] = tour[i:j + 1][::-1]
                        improved = True
        return tour


class FleetPlanner:
    def __init__(self, depots: list[Depot], optimizer: TourOptimizer, **options):
        self.depots = depots
        self.optimizer = optimizer
        self.options = {**PLANNER_CONFIG, **options}
        self.assignments: dict[str, Route] = {}
        self.metrics = {"routes": 0, "km": 0.0}
        self._assign_lock = threading.Lock()
        self._metrics_lock = threading.Lock()
        self._listeners: list[Callable[[Route], None]] = []

    def add_listener(self, listener: Callable[[Route], None]) -> None:
        self._listeners.append(listener)

    def _nearest_depot(self, drone: Drone) -> Depot:
        best, best_d = None, float("inf")
        for depot in self.depots:  # ok: GIL001
            d = depot.location.dist(drone.base)
            if d < best_d:
                best, best_d = depot, d
        return best

    @logged
    def _plan_one(self, drone: Drone, stops: list[Point], **_ignored) -> Route:
        depot = self._nearest_depot(drone)
        tour = self.optimizer.optimize(depot.location, stops)
        route = Route(drone.drone_id, depot.name, tour)
        with self._assign_lock:
            if drone.drone_id in self.assignments:  # ok: GIL003
                raise ValueError(f"{drone.drone_id} already has a route")
            self.assignments[drone.drone_id] = route
        self.metrics["routes"] += 1  # expect: GIL002
        with self._metrics_lock:
            self.metrics["km"] += route.length_km  # ok: GIL002
        for listener in self._listeners:
            listener(route)
        return route

    def plan_fleet(self, work: dict[str, tuple[Drone, list[Point]]]) -> list[Route]:
        with ThreadPoolExecutor(max_workers=self.options["workers"],
                                thread_name_prefix="planner") as pool:
            futures = [pool.submit(self._plan_one, drone, stops, **self.options)
                       for drone, stops in work.values()]
            return [f.result() for f in as_completed(futures)]


def make_board_listener(board: list):
    def on_route(route: Route) -> None:
        board.append((route.drone_id, route.depot, len(route.tour) - 2))
    return on_route


def synthetic_orders(drones: list[Drone], per_drone: int, seed: int) -> dict:
    rng = random.Random(seed)
    work = {}
    for drone in drones:
        stops = [Point(drone.base.x + rng.uniform(-8, 8), drone.base.y + rng.uniform(-8, 8))
                 for _ in range(per_drone)]
        work[drone.drone_id] = (drone, stops)
    return work


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    depots = [Depot("north", Point(0, 20)), Depot("harbour", Point(15, -5)), Depot("mall", Point(-12, 0))]
    drones = [Drone(f"dr-{i}", Point(random.Random(i).uniform(-10, 10), 0)) for i in range(4)]
    planner = FleetPlanner(depots, TourOptimizer(PLANNER_CONFIG["max_passes"]))
    board: list = []
    planner.add_listener(make_board_listener(board))
    work = synthetic_orders(drones, PLANNER_CONFIG["stops_per_drone"], PLANNER_CONFIG["seed"])
    started = time.perf_counter()
    routes = planner.plan_fleet(work)
    elapsed = time.perf_counter() - started
    print(f"planned {len(routes)} routes in {elapsed:.2f}s; board has {len(board)} entries")
    print(f"routes counter {planner.metrics['routes']} (expected {len(drones)}), "
          f"total {planner.metrics['km']:.1f} km")


if __name__ == "__main__":
    main()
