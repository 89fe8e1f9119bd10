"""Coppice survey for a wattle maker's hazel coupe.

An asyncio collector reads the height gauge at each coppice stool, then hands the
samples of each species to a threading.Timer that refits a growth curve by grid search
and posts the fit back to the loop. A weather walker thread logs the wind meanwhile.
"""
import asyncio
import math
import random
import threading
import time
from dataclasses import dataclass, field

COUPE = {"hazel": 18, "ash": 10}
GRID = {"a_steps": 200, "b_steps": 200, "a_max_cm": 900.0, "b_max": 0.9}


@dataclass
class Stool:
    stool_id: str
    species: str
    age_years: int
    rods: int


@dataclass
class Sample:
    age: int
    height_cm: float


@dataclass
class GrowthModel:
    species: str
    a: float = 0.0
    b: float = 0.0
    sse: float = math.inf
    fits: int = 0
    history: list = field(default_factory=list)

    def refit(self, samples, loop, done):
        """Grid search for height = a * (1 - exp(-b * age)); runs in a Timer thread."""
        best = (math.inf, 0.0, 0.0)
        for i in range(1, GRID["a_steps"] + 1):  # expect: GIL001 -- ~50 ms grid search run by each Timer thread
            a = GRID["a_max_cm"] * i / GRID["a_steps"]
            for j in range(1, GRID["b_steps"] + 1):
                b = GRID["b_max"] * j / GRID["b_steps"]
                sse = 0.0
                for s in samples:
                    err = s.height_cm - a * (1 - math.exp(-b * s.age))
                    sse += err * err  # ok: GIL002 -- local variable
                if sse < best[0]:
                    best = (sse, a, b)
        self.sse, self.a, self.b = best
        self.fits += 1  # ok: GIL002 -- each model object is refitted by one Timer thread only
        self.history.append(best)
        loop.call_soon_threadsafe(done.set_result, self)


def true_height(species, age, rng):
    a, b = (450.0, 0.35) if species == "hazel" else (700.0, 0.18)
    return a * (1 - math.exp(-b * age)) + rng.gauss(0, 12)


async def read_gauge(stool, rng):
    """The gauge pole is read over a slow serial link."""
    time.sleep(0.003)  # expect: GIL004 -- blocking sleep directly inside the coroutine
    return Sample(stool.age_years, round(true_height(stool.species, stool.age_years, rng), 1))


async def walk_to(stool):
    await asyncio.sleep(0.001 * (1 + stool.rods % 3))  # ok: GIL004 -- awaited asyncio.sleep


class Survey:
    def __init__(self, stools, seed):
        self.stools = stools
        self.rng = random.Random(seed)
        self.samples = {}
        self.visited = 0

    async def visit(self, stool):
        await walk_to(stool)
        sample = await read_gauge(stool, self.rng)
        self.samples.setdefault(stool.species, []).append(sample)
        self.visited += 1  # ok: GIL002 -- coroutines on the event-loop thread only
        return sample

    async def fit_species(self, species):
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        model = GrowthModel(species)
        timer = threading.Timer(0.0, model.refit, args=(self.samples[species], loop, done))
        timer.start()
        fitted = await done
        timer.join()
        return fitted

    async def run(self):
        await asyncio.gather(*(self.visit(s) for s in self.stools))
        return await asyncio.gather(*(self.fit_species(sp) for sp in sorted(self.samples)))


def weather_walker(readings, stop):
    rng = random.Random(3)
    while not stop.is_set():  # ok: GIL001 -- one reading every 4 ms, almost all waiting
        readings.append(round(abs(rng.gauss(12, 5)), 1))  # ok: GIL002 -- list.append; only this thread writes
        time.sleep(0.004)  # ok: GIL004 -- plain thread, not a coroutine


def plan_coupe(seed=11):
    rng = random.Random(seed)
    stools = []
    for species, count in COUPE.items():
        for i in range(count):
            stools.append(Stool(f"{species[0].upper()}{i:02d}", species, rng.randint(2, 14), rng.randint(6, 40)))
    return stools


def main():
    stools = plan_coupe()
    readings, stop = [], threading.Event()
    walker = threading.Thread(target=weather_walker, args=(readings, stop), name="weather", daemon=True)
    walker.start()
    started = time.perf_counter()
    survey = Survey(stools, seed=5)
    models = asyncio.run(survey.run())
    stop.set()
    walker.join()

    print(f"visited {survey.visited} stools in {time.perf_counter() - started:.2f}s")
    for m in models:
        n = len(survey.samples[m.species])
        print(f"  {m.species:5s}: height = {m.a:5.0f} * (1 - exp(-{m.b:.3f} * age)), rmse {math.sqrt(m.sse / n):5.1f} cm")
    if readings:
        print(f"wind: {len(readings)} readings, max {max(readings)} km/h")


if __name__ == "__main__":
    main()
