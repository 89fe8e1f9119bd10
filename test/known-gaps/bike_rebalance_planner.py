"""Overnight rebalancing planner for the bike-share fleet.

Each region gets a planner that builds a truck route through its stations
(greedy nearest-neighbour construction, then 2-opt improvement, restarted
from several seeds) and books a truck from the dispatch desk.  Stations on a
region border may be serviced by either neighbour; the first region to claim
one gets it.  Planners run in parallel, one thread per region.
"""
import logging
import math
import random
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("rebalance")

CLAIMED = {}          # border station id -> region that services it tonight
EARTH_KM = 6371.0


@dataclass
class Station:
    id: str
    lat: float
    lon: float
    capacity: int
    bikes: int
    border: bool = False

    @property
    def imbalance(self):
        return self.bikes - self.capacity // 2


def distance_km(a, b):
    dlat = math.radians(b.lat - a.lat)
    dlon = math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(a.lat)) * math.cos(math.radians(b.lat)) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


class Fleet:
    """Trucks available for tonight's shift."""

    def __init__(self, trucks):
        self.trucks_available = trucks
        self.assignments = []

    def reserve(self, region):
        if self.trucks_available > 0:  # ok: GIL003
            self.trucks_available -= 1  # ok: GIL002
            self.assignments.append(region)
            return True
        return False


class DispatchDesk(Fleet):
    """The fleet as the regional planners see it: reservations are serialized."""

    def __init__(self, trucks):
        super().__init__(trucks)
        self._lock = threading.Lock()

    def reserve(self, region):
        with self._lock:
            return super().reserve(region)


@dataclass
class PlanStats:
    rounds: int = 0
    improvements: int = 0
    timings: dict = field(default_factory=dict)


class RegionPlanner:
    def __init__(self, region, stations, depot, fleet, stats, rounds=12):
        self.region = region
        self.stations = [s for s in stations if s.imbalance != 0]
        self.depot = depot
        self.fleet = fleet
        self.stats = stats
        self.rounds = rounds
        self.route = []
        self.cost = math.inf
        self.truck = False

    def _route_cost(self, route):
        stops = [self.depot] + route + [self.depot]
        return sum(distance_km(a, b) for a, b in zip(stops, stops[1:]))

    def _greedy_route(self, seed):
        rng = random.Random(seed)
        remaining = self.stations[:]
        current = rng.choice(remaining)
        route = [current]
        remaining.remove(current)
        while remaining:
            current = min(remaining, key=lambda s: distance_km(current, s))
            route.append(current)
            remaining.remove(current)
        return route

    def _two_opt(self, route):
        improved, gained = True, 0
        while improved:
            improved = False
            for i in range(1, len(route) - 2):
                for j in range(i + 1, len(route) - 1):
                    before = distance_km(route[i - 1], route[i]) + distance_km(route[j], route[j + 1])
                    after = distance_km(route[i - 1], route[j]) + distance_km(route[i], route[j + 1])
                    if after + 1e-9 < before:
                        route[i:j + 1] = reversed(route[i:j + 1])
                        improved = True
                        gained += 1  # ok: GIL002
        return route, gained

    def _claim_border_stations(self):
        for station in self.stations:  # ok: GIL001
            if station.border:  # ok: GIL003
                if station.id not in CLAIMED:  # expect: GIL003
                    CLAIMED[station.id] = self.region

    def plan(self):
        start = time.perf_counter()
        for round_no in range(self.rounds):  # expect: GIL001
            route, gained = self._two_opt(self._greedy_route(seed=round_no))
            cost = self._route_cost(route)
            self.stats.rounds += 1  # expect: GIL002
            self.stats.improvements += gained  # expect: GIL002
            if cost < self.cost:  # ok: GIL003
                self.route, self.cost = route, cost
        self._claim_border_stations()
        self.truck = self.fleet.reserve(self.region)
        self.stats.timings[self.region] = time.perf_counter() - start


def launch(fn, *args, name=None, **kwargs):
    """Start `fn` on a named worker thread and hand the thread back."""
    thread = threading.Thread(target=fn, args=args, kwargs=kwargs, name=name)
    thread.start()
    return thread


def make_city(rng, regions, per_region):
    stations = {}
    for r, region in enumerate(regions):
        base_lat, base_lon = 52.50 + 0.03 * r, 13.38 + 0.02 * r
        stations[region] = [
            Station(f"{region[:3]}-{i:02d}", base_lat + rng.uniform(-0.02, 0.02),
                    base_lon + rng.uniform(-0.03, 0.03), capacity=20, bikes=rng.randrange(0, 21),
                    border=(i % 9 == 0))
            for i in range(per_region)
        ]
    # border stations are shared with the next region over
    for a, b in zip(regions, regions[1:]):
        stations[b].extend(s for s in stations[a] if s.border)
    return stations


def main():
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rng = random.Random(99)
    regions = ["mitte", "kreuzberg", "wedding", "pankow"]
    city = make_city(rng, regions, per_region=34)
    desk = DispatchDesk(trucks=3)
    stats = PlanStats()
    depot = Station("depot", 52.53, 13.42, capacity=0, bikes=0)
    planners = [RegionPlanner(region, city[region], depot, desk, stats) for region in regions]
    t0 = time.perf_counter()
    threads = [launch(p.plan, name=f"plan-{p.region}") for p in planners]
    for t in threads:
        t.join()
    log.info("planned %d regions in %.2fs (%d rounds, %d 2-opt moves)",
             len(planners), time.perf_counter() - t0, stats.rounds, stats.improvements)
    for p in planners:
        log.info("%-10s %2d stops %6.1f km truck=%s", p.region, len(p.route), p.cost, p.truck)
    log.info("border claims: %d, trucks left: %d", len(CLAIMED), desk.trucks_available)


if __name__ == "__main__":
    main()
