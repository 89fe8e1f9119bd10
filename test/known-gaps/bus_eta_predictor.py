"""City bus arrival prediction: per-route ETA estimators.

Each route gets an estimator closure built by a factory. The closure replays the
route's vehicle location pings (AVL), keeps an exponentially smoothed speed and
predicts arrival times at the downstream stops. Estimators are launched on their own
threads through a small spawning layer; stop coordinates are geocoded on a pool.
"""
from __future__ import annotations

import logging
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterator, List, Tuple

log = logging.getLogger("transit.eta")

PINGS_SEEN = 0
board_lock = threading.Lock()
arrival_board: Dict[str, List[Tuple[str, float]]] = {}

TUNING = {"alpha": 0.15, "initial_speed": 7.5, "pings": 70_000, "min_speed": 1.5}


@dataclass
class Stop:
    stop_id: str
    distance_m: float
    lat: float = 0.0
    lon: float = 0.0


@dataclass
class Route:
    route_id: str
    stops: List[Stop] = field(default_factory=list)
    seed: int = 0


def ping_stream(route: Route, count: int) -> Iterator[Tuple[float, float]]:
    """Synthetic AVL pings: (seconds since trip start, metres along the route)."""
    rng = random.Random(route.seed)
    ts, dist = 0.0, 0.0
    for _ in range(count):
        ts += rng.uniform(0.8, 1.2)
        dist += max(0.0, rng.gauss(7.0, 2.5))
        yield ts, dist


def publish(route_id: str, etas: List[Tuple[str, float]]) -> None:
    with board_lock:
        arrival_board[route_id] = etas


def make_route_estimator(route: Route, feed: Callable, sink: Callable, **tuning) -> Callable[[], None]:
    alpha = tuning.get("alpha", 0.2)
    count = tuning.get("pings", 1_000)
    min_speed = tuning.get("min_speed", 1.0)
    processed = 0
    speed = tuning.get("initial_speed", 6.0)

    def estimate() -> None:
        global PINGS_SEEN
        nonlocal processed, speed
        last_ts, last_dist = None, 0.0
        for ts, dist in feed(route, count):  # expect: GIL001
            if last_ts is not None and ts > last_ts:
                instant = (dist - last_dist) / (ts - last_ts)
                speed = (1.0 - alpha) * speed + alpha * instant
            processed += 1  # ok: GIL002
            last_ts, last_dist = ts, dist
        position = last_dist % route.stops[-1].distance_m
        etas = []
        for stop in route.stops:  # ok: GIL001
            ahead = stop.distance_m - position
            if ahead > 0:
                etas.append((stop.stop_id, round(ahead / max(speed, min_speed), 1)))
        PINGS_SEEN += processed  # expect: GIL002
        sink(route.route_id, etas)

    estimate.__name__ = f"estimate_{route.route_id}"
    return estimate


def spawn(fn: Callable, *, name: str, registry: List[threading.Thread], **thread_kwargs) -> threading.Thread:
    thread = threading.Thread(target=fn, name=name, **thread_kwargs)
    registry.append(thread)
    thread.start()
    return thread


def launch_all(jobs: Dict[str, Callable], registry: List[threading.Thread], **thread_kwargs) -> None:
    for route_id, job in jobs.items():
        spawn(job, name=f"eta-{route_id}", registry=registry, **thread_kwargs)


def geocode(stop: Stop) -> Stop:
    time.sleep(0.002)  # reverse-geocoder round trip
    stop.lat = 52.37 + stop.distance_m / 1e6
    stop.lon = 4.89 + stop.distance_m / 2e6
    return stop


def geocode_route(route: Route) -> int:
    done = 0
    for stop in route.stops:  # ok: GIL001
        geocode(stop)
        done += 1
    return done


def build_routes() -> List[Route]:
    routes = []
    for index, route_id in enumerate(("12", "48", "N3")):
        stops = [Stop(f"{route_id}-S{n:02d}", 400.0 * (n + 1) + 37 * index) for n in range(8)]
        routes.append(Route(route_id, stops, seed=100 + index))
    return routes


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    routes = build_routes()
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="geo") as pool:
        geocoded = sum(pool.map(geocode_route, routes))
    jobs = {r.route_id: make_route_estimator(r, ping_stream, publish, **TUNING) for r in routes}
    threads: List[threading.Thread] = []
    started = time.perf_counter()
    launch_all(jobs, threads, daemon=False)
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    print(f"geocoded {geocoded} stops; processed {PINGS_SEEN} pings in {elapsed:.2f}s")
    for route_id in sorted(arrival_board):
        upcoming = arrival_board[route_id][:3]
        print(f"  route {route_id}: " + ", ".join(f"{s} in {eta:.0f}s" for s, eta in upcoming))


if __name__ == "__main__":
    main()
