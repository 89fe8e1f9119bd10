"""Pointsman route setting.

Route setters (one per operating desk) search for alternative paths through
the junction, then set and cancel routes on the shared lever frame. Events
go to callbacks registered on the frame with a decorator.
"""
import functools
import logging
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, DefaultDict, Dict, List, Tuple

log = logging.getLogger("pointsman.routes")

DESK_CONFIG = {"desks": 3, "ladder_layers": 18, "occupy_s": 0.003}


class RouteConflict(RuntimeError):
    pass


@dataclass(frozen=True)
class Route:
    name: str
    points: Tuple[str, ...]


class LeverFrame:
    """Shared by all desks."""

    def __init__(self):
        self._frame_lock = threading.Lock()
        self._locked_points: Dict[str, str] = {}
        self._callbacks: DefaultDict[str, List[Callable]] = defaultdict(list)

    def on(self, event: str) -> Callable[[Callable], Callable]:
        def register(fn: Callable) -> Callable:
            self._callbacks[event].append(fn)
            return fn
        return register

    def _emit(self, event: str, **payload) -> None:
        for cb in self._callbacks[event]:
            cb(**payload)

    def _validate(self, route: Route) -> None:
        for p in route.points:
            holder = self._locked_points.get(p)
            if holder is not None and holder != route.name:
                raise RouteConflict(f"{p} held by {holder}")

    def set_route(self, route: Route, desk: str) -> None:
        self._frame_lock.acquire()  # expect: GIL005
        self._validate(route)
        for p in route.points:
            self._locked_points[p] = route.name
        self._frame_lock.release()
        self._emit("route_set", route=route, desk=desk)

    def cancel_route(self, route: Route, desk: str) -> int:
        freed = 0
        self._frame_lock.acquire()  # ok: GIL005
        try:
            for p in route.points:
                if self._locked_points.get(p) == route.name:  # ok: GIL003
                    del self._locked_points[p]
                    freed += 1
        finally:
            self._frame_lock.release()
        self._emit("route_cancelled", route=route, desk=desk)
        return freed


def ladder_graph(layers: int) -> Dict[str, Tuple[str, ...]]:
    graph: Dict[str, Tuple[str, ...]] = {}
    for i in range(layers):
        nxt = (f"{i + 1}a", f"{i + 1}b")
        graph[f"{i}a"] = nxt
        graph[f"{i}b"] = nxt
    return graph


def count_alternatives(graph: Dict[str, Tuple[str, ...]], start: str, goal: str) -> int:
    stack = [start]
    found = 0
    while stack:  # expect: GIL001
        node = stack.pop()
        if node == goal:
            found += 1
            continue
        stack.extend(graph.get(node, ()))
    return found


class RouteSetter:
    """One operating desk; its work function is stored and handed to a thread."""

    def __init__(self, desk: str, frame: LeverFrame, routes: List[Route], **config):
        self.desk = desk
        self.frame = frame
        self.routes = routes
        self.config = config
        self.alternatives = 0
        self._target = functools.partial(self._run, graph=ladder_graph(config["ladder_layers"]))
        self.thread = threading.Thread(target=self._target, name=f"desk-{desk}")

    def _run(self, graph: Dict[str, Tuple[str, ...]]) -> None:
        last = f"{self.config['ladder_layers']}a"
        self.alternatives = count_alternatives(graph, "0a", last)
        for route in self.routes:
            self.frame.set_route(route, self.desk)
            time.sleep(self.config["occupy_s"])  # train passes over the route
            self.frame.cancel_route(route, self.desk)


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    frame = LeverFrame()
    stats: Dict[str, int] = {"set": 0, "cancelled": 0}
    stats_lock = threading.Lock()

    @frame.on("route_set")
    def count_set(route: Route, desk: str) -> None:
        stats["set"] += 1  # expect: GIL002

    @frame.on("route_cancelled")
    def count_cancelled(route: Route, desk: str) -> None:
        with stats_lock:
            stats["cancelled"] += 1  # ok: GIL002

    setters = []
    for d in range(DESK_CONFIG["desks"]):
        routes = [Route(f"D{d}R{k}", (f"P{d}{k}", f"P{d}{k}x")) for k in range(4)]
        setters.append(RouteSetter(str(d), frame, routes, **DESK_CONFIG))
    started = time.perf_counter()
    for s in setters:
        s.thread.start()
    for s in setters:
        s.thread.join()
    print(f"desks done in {time.perf_counter() - started:.2f}s")
    print(f"alternatives per desk = {[s.alternatives for s in setters]}")
    print(f"routes set = {stats['set']} (expected {4 * len(setters)}), "
          f"cancelled = {stats['cancelled']}")


if __name__ == "__main__":
    main()
