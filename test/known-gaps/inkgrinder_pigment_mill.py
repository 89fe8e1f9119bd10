"""Pigment grinding simulation for an ink grinder's shop.

Each pigment batch is ground on a mill object (a callable: muller on a slab, or a stone
mill) chosen from a config dict; the mills run in a thread pool and the shop's
statistics object is shared between them.
"""
from __future__ import annotations

import threading
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass

PIGMENTS = {
    "lamp-black": {"particles": 9000, "passes": 36, "hardness": 0.30, "mill": "muller"},
    "vermilion": {"particles": 8000, "passes": 42, "hardness": 0.55, "mill": "stone"},
    "azurite": {"particles": 7000, "passes": 48, "hardness": 0.80, "mill": "stone"},
    "verdigris": {"particles": 8500, "passes": 38, "hardness": 0.45, "mill": "muller"},
}
START_MICRONS = 60.0
SLABS = 2


@dataclass
class Batch:
    pigment: str
    particles: list
    passes: int
    hardness: float


def seed_particles(count: int, seed: int):
    state = seed
    for _ in range(count):
        state = (state * 48271) % 2147483647
        yield START_MICRONS * (0.5 + (state % 1000) / 1000.0)


def make_batch(name: str, cfg: dict) -> Batch:
    return Batch(name, list(seed_particles(cfg["particles"], len(name) * 977)), cfg["passes"], cfg["hardness"])


class ShopStats:
    def __init__(self) -> None:
        self.passes_run = 0
        self.slab_uses = 0
        self.fineness: dict[str, float] = {}
        self.first_finished: dict[str, str] = {}
        self.slabs = threading.BoundedSemaphore(SLABS)
        self._lock = threading.Lock()

    def record(self, mill_name: str, batch: Batch, mean: float) -> None:
        self.passes_run += batch.passes  # expect: GIL002 -- every pool thread adds to it, no lock
        with self._lock:
            self.fineness[batch.pigment] = round(mean, 2)
        if mill_name not in self.first_finished:  # expect: GIL003 -- two batches on one mill type race to be "first"
            self.first_finished[mill_name] = batch.pigment


class Muller:
    """Glass muller worked by hand on a stone slab."""

    name = "muller"
    base_efficiency = 0.06

    def __init__(self, stats: ShopStats) -> None:
        self.stats = stats

    @property
    def pass_efficiency(self) -> float:
        return self.base_efficiency

    def _one_pass(self, particles: list, hardness: float, pass_no: int) -> None:
        eff = self.pass_efficiency * (1.0 - hardness / 2)
        for i, size in enumerate(particles):
            jitter = ((i * 2654435761 + pass_no) % 97) / 970.0
            particles[i] = max(0.3, size * (1.0 - eff * (1.0 + jitter)))

    def grind(self, batch: Batch) -> float:
        particles = batch.particles
        for pass_no in range(batch.passes):  # expect: GIL001 -- passes x particles float updates, on a pool thread
            self._one_pass(particles, batch.hardness, pass_no)
        return sum(particles) / len(particles)

    def __call__(self, batch: Batch) -> tuple[str, float]:
        with self.stats.slabs:  # one batch per grinding slab
            self.stats.slab_uses += 1  # expect: GIL002 -- BoundedSemaphore(2) admits two threads at once
            mean = self.grind(batch)
        self.stats.record(self.name, batch, mean)
        return batch.pigment, mean


class StoneMill(Muller):
    """Horse-driven edge-runner: faster passes, but wears on hard pigments."""

    name = "stone"
    base_efficiency = 0.09

    @property
    def pass_efficiency(self) -> float:
        return self.base_efficiency * 0.9


MILL_TYPES = {cls.name: cls for cls in (Muller, StoneMill)}


def plan_batches(config: dict, stats: ShopStats) -> list[tuple[Muller, Batch]]:
    plan = []
    for name, cfg in config.items():
        mill = MILL_TYPES[cfg["mill"]](stats)
        plan.append((mill, make_batch(name, cfg)))
    return plan


def run_day(config: dict) -> ShopStats:
    stats = ShopStats()
    plan = plan_batches(config, stats)
    finished = []
    with ThreadPoolExecutor(max_workers=len(plan)) as pool:
        pending = {pool.submit(mill, batch) for mill, batch in plan}
        while pending:  # ok: GIL001 -- the main thread just waits for pool results
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                finished.append(fut.result())
    for pigment, mean in finished:
        print(f"{pigment:11s} ground to {mean:5.2f} microns")
    return stats


def main() -> None:
    stats = run_day(PIGMENTS)
    print(f"passes {stats.passes_run}, slab uses {stats.slab_uses}")
    print("fineness", stats.fineness)
    print("first pigment per mill", stats.first_finished)


if __name__ == "__main__":
    main()
