"""Burn simulation for a charcoal burner's kilns.

Each kiln is simulated minute by minute in its own Thread subclass built from the
kiln config by a classmethod; brick kilns override the heat diffusion. A yield
forecast for the season runs separately in a process pool.
"""
import threading
from concurrent.futures import ProcessPoolExecutor

KILNS = {
    "turf-clamp-1": {"type": "clamp", "cells": 64, "hours": 72, "moisture": 0.22},
    "turf-clamp-2": {"type": "clamp", "cells": 64, "hours": 72, "moisture": 0.25},
    "brick-retort": {"type": "brick", "cells": 48, "hours": 96, "moisture": 0.15},
}
FORECAST = {"seasons": [2022, 2023, 2024], "burns_per_season": 60, "cord_trials": 600_000}


class DiffusionMixin:
    conductivity = 0.18

    def diffuse(self, temps):
        k = self.conductivity
        last = len(temps) - 1
        return [t + k * ((temps[i - 1] if i else t) + (temps[i + 1] if i < last else t) - 2 * t)
                for i, t in enumerate(temps)]


class KilnSimulation(DiffusionMixin, threading.Thread):
    completed = 0
    kind = "clamp"

    def __init__(self, name, cells, hours, moisture):
        super().__init__(name=name)
        self.cells = cells
        self.hours = hours
        self.moisture = moisture
        self.steps = 0
        self.result = None

    @classmethod
    def from_config(cls, name, spec):
        sim_cls = SIM_TYPES[spec["type"]]
        return sim_cls(name, spec["cells"], spec["hours"], spec["moisture"])

    @classmethod
    def _mark_done(cls):
        cls.completed += 1  # expect: GIL002 -- class attribute shared by both clamp threads; read-add-store with no lock

    def ignite(self):
        temps = [15.0] * self.cells
        temps[self.cells // 2] = 600.0
        return temps

    def run(self):
        self.result = self._simulate()
        self._mark_done()

    def _simulate(self):
        temps = self.ignite()
        peak = 0.0
        for hour in range(self.hours):  # expect: GIL001 -- hours x 60 minutes x cells of diffusion, all in this thread
            for minute in range(60):
                temps = self.diffuse(temps)
                temps = [t - self.moisture * 0.002 * (t - 15.0) for t in temps]
                self.steps += 1  # ok: GIL002 -- steps belongs to this simulation thread's own object
            peak = max(peak, max(temps))
        return round(peak, 1), round(sum(temps) / len(temps), 1)


class BrickKilnSimulation(KilnSimulation):
    kind = "brick"
    conductivity = 0.25

    def diffuse(self, temps):
        spread = super().diffuse(temps)
        return [min(t, 900.0) for t in spread]


SIM_TYPES = {"clamp": KilnSimulation, "brick": BrickKilnSimulation}


def forecast_season(season, burns, trials):
    """Process-pool task: expected charcoal yield of a season by trial burns."""
    seed = season
    total = 0.0
    for burn in range(burns):  # ok: GIL001 -- runs in ProcessPoolExecutor worker processes, not in threads
        for _ in range(trials // burns):
            seed = (seed * 1103515245 + 12345) % 2_147_483_648
            total += 0.18 + (seed % 1000) / 20_000
    return season, round(total * 40 / trials, 2)


class KilnWatcher(threading.Thread):
    """Light watcher: polls the simulations until all have finished."""

    def __init__(self, sims, poll):
        super().__init__(name="watcher", daemon=True)
        self.sims = sims
        self.poll = poll
        self.polls = 0
        self.stop = threading.Event()

    def run(self):
        while not self.stop.wait(self.poll):  # ok: GIL001 -- sleeps in Event.wait between cheap checks
            self.polls += 1  # ok: GIL002 -- only the watcher thread writes polls
            if all(not s.is_alive() for s in self.sims):
                break


def main():
    sims = [KilnSimulation.from_config(name, spec) for name, spec in KILNS.items()]
    watcher = KilnWatcher(sims, poll=0.005)
    for sim in sims:
        sim.start()
    watcher.start()
    for sim in sims:
        sim.join()
    watcher.stop.set()
    watcher.join()
    for sim in sims:
        print(f"{sim.name:<13} {sim.kind:<6} peak {sim.result[0]:7.1f} C  mean {sim.result[1]:6.1f} C "
              f"({sim.steps} steps)")
    print("completed counters:", KilnSimulation.completed, BrickKilnSimulation.completed)
    with ProcessPoolExecutor(max_workers=2) as procs:
        jobs = [procs.submit(forecast_season, s, FORECAST["burns_per_season"], FORECAST["cord_trials"])
                for s in FORECAST["seasons"]]
        for job in jobs:
            season, per_burn = job.result()
            print(f"season {season}: {per_burn} t per burn")
    print("watcher polls:", watcher.polls)


if __name__ == "__main__":
    main()
