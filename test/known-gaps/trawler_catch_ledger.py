"""Trawler catch ledger: hauls are graded concurrently and booked into a shared ledger.

Grading runs on a thread pool (the belt is the slow part); a running landed-weight tally
is kept by closures from a factory; a stock forecaster thread projects next season's quota
while the hauls are processed.
"""
import functools
import logging
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field

log = logging.getLogger("trawler.ledger")

LENGTH_WEIGHT = {"cod": (0.0079, 3.05), "haddock": (0.0069, 3.09),
                 "plaice": (0.0089, 3.04), "whiting": (0.0059, 3.13)}
MIN_LENGTH_CM = {"cod": 35, "haddock": 30, "plaice": 27, "whiting": 27}
FORECAST = {"years": 40, "replicates": 900, "r": 0.45, "k_tonnes": 120_000.0, "seed": 5}
BELT_S = 0.01

_local = threading.local()


@dataclass
class Fish:
    species: str
    length_cm: float


@dataclass
class Haul:
    number: int
    vessel: str
    fish: list = field(default_factory=list)


def weigh(fish_list, coeffs=LENGTH_WEIGHT):
    return sum(coeffs[f.species][0] * f.length_cm ** coeffs[f.species][1] / 1000 for f in fish_list)


def make_tally():
    landed_kg = 0.0
    hauls = 0

    def add(fish_list):
        nonlocal landed_kg, hauls
        landed_kg += weigh(fish_list)  # expect: GIL002
        hauls += 1  # expect: GIL002
        return landed_kg

    def report():
        return hauls, round(landed_kg, 1)

    return add, report


class Ledger:
    def __init__(self):
        self._lock = threading.Lock()
        self.by_species = {}
        self.vessels = {}
        self.discards = []

    def register_vessel(self, name, skipper):
        with self._lock:
            if name not in self.vessels:  # ok: GIL003
                self.vessels[name] = {"skipper": skipper, "hauls": 0}
            self.vessels[name]["hauls"] += 1  # ok: GIL002

    def book(self, species, kg):
        if species not in self.by_species:  # expect: GIL003
            self.by_species[species] = []
        self.by_species[species].append(round(kg, 2))

    def discard(self, fish):
        self.discards.append(fish)


def grade_haul(haul, ledger, on_landed, **opts):
    ledger.register_vessel(haul.vessel, opts.get("skipper", "unknown"))
    kept = {}
    for fish in haul.fish:  # ok: GIL001
        if fish.length_cm < MIN_LENGTH_CM[fish.species]:
            ledger.discard(fish)
        else:
            kept.setdefault(fish.species, []).append(fish)
    time.sleep(opts.get("belt_s", BELT_S))
    for species, fishes in kept.items():
        ledger.book(species, weigh(fishes))
    _local.graded = getattr(_local, "graded", 0) + len(haul.fish)  # ok: GIL002
    on_landed([f for fishes in kept.values() for f in fishes])
    return haul.number


class StockForecaster:
    """Monte-Carlo surplus-production projection of next season's quota."""

    def __init__(self):
        self.quota_t = None

    def project(self, years, replicates, r, k_tonnes, seed):
        rng = random.Random(seed)
        finals = []
        for _ in range(replicates):  # expect: GIL001
            biomass = k_tonnes * 0.4
            for _year in range(years):
                catch = 0.18 * biomass
                growth = r * biomass * (1 - biomass / k_tonnes)
                biomass = max(biomass + growth * rng.gauss(1.0, 0.15) - catch, 1.0)
            finals.append(biomass)
        finals.sort()
        self.quota_t = round(0.18 * finals[len(finals) // 5], 1)
        return self.quota_t


def make_hauls(count, seed=17):
    rng = random.Random(seed)
    species = list(LENGTH_WEIGHT)
    return [Haul(i, f"FR{200 + i % 3}",
                 [Fish(rng.choice(species), rng.uniform(18, 80)) for _ in range(rng.randint(80, 160))])
            for i in range(count)]


def main():
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    ledger = Ledger()
    add, report = make_tally()
    forecaster = StockForecaster()
    fthread = threading.Thread(target=forecaster.project, kwargs=FORECAST, name="forecast")
    started = time.perf_counter()
    fthread.start()
    grade = functools.partial(grade_haul, ledger=ledger, on_landed=add, belt_s=BELT_S,
                              skipper="J. Tregarthen")
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="belt") as pool:
        futures = [pool.submit(grade, haul) for haul in make_hauls(12)]
        done, _ = wait(futures)
    fthread.join()
    hauls, landed = report()
    print(f"hauls tallied = {hauls} (expected {len(done)}), landed = {landed} kg")
    for species in sorted(ledger.by_species):
        print(f"  {species}: {len(ledger.by_species[species])} boxes")
    print(f"discards = {len(ledger.discards)}, vessels = {sorted(ledger.vessels)}")
    print(f"next season quota = {forecaster.quota_t} t; took {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
