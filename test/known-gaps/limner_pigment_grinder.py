"""Limner's studio: grinding pigments for miniature portraits on a bench of mortars.

Each grinder thread mulls one batch of pigment until the particles are fine enough
for watercolour on vellum; a shared ledger and a shared palette are used by all.
"""
from __future__ import annotations

import functools
import logging
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("limner.grinder")
logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")

STUDIO_CONFIG = {
    "passes": 10,
    "particles": 60_000,
    "target_microns": 4.0,
    "polish": 0.97,
}


def timed(label):
    """Log how long the wrapped step took."""
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                log.info("%s took %.1f ms", label, (time.perf_counter() - started) * 1000)
        return wrapper
    return decorate


@dataclass
class PigmentBatch:
    name: str
    grams: float
    hardness: float
    particles: list[float] = field(default_factory=list)

    @property
    def mean_size(self) -> float:
        return sum(self.particles) / len(self.particles) if self.particles else 0.0


class StudioLedger:
    """One ledger for the whole bench; every grinder writes to it."""

    def __init__(self):
        self._lock = threading.Lock()
        self.grams_ground = 0.0
        self.batches_done = 0
        self.notes: list[str] = []

    def record(self, batch: PigmentBatch) -> None:
        with self._lock:
            self.grams_ground += batch.grams  # ok: GIL002
        self.notes.append(f"{batch.name}: {batch.mean_size:.2f} um")

    def tick(self) -> None:
        self.batches_done += 1  # expect: GIL002


class Palette:
    """Mussel-shell wells of mulled colour; a limner reserves one per batch."""

    def __init__(self, wells):
        self._lock = threading.Lock()
        self._free = list(wells)
        self._dry: set[str] = set()

    def reserve_well(self, colour: str) -> str | None:
        self._lock.acquire()  # expect: GIL005
        if colour in self._dry:  # ok: GIL003
            return None
        well = f"{colour} in shell {len(self._free)}"
        self._free.append(well)
        self._lock.release()
        return well

    def mark_dry(self, colour: str) -> None:
        with self._lock:
            self._dry.add(colour)


class Mortar:
    friction = 1.0

    def __init__(self, name: str, **settings):
        self.name = name
        self.passes = settings.get("passes", 4)
        self.target = settings.get("target_microns", 5.0)

    def reduction(self, hardness: float) -> float:
        return 0.93 - 0.01 * hardness * self.friction


class AgateMortar(Mortar):
    friction = 0.8

    def __init__(self, name: str, **settings):
        super().__init__(name, **settings)
        self.polish = settings.get("polish", 1.0)

    def reduction(self, hardness: float) -> float:
        return super().reduction(hardness) * self.polish


@timed("mulling")
def mull(batch: PigmentBatch, mortar: Mortar) -> PigmentBatch:
    factor = mortar.reduction(batch.hardness)
    sizes = batch.particles
    for _pass in range(mortar.passes):  # expect: GIL001
        for i in range(len(sizes)):
            s = sizes[i] * factor
            if s < mortar.target:
                s = mortar.target + (i % 3) * 0.01
            sizes[i] = s
    return batch


class GrinderThread(threading.Thread):
    def __init__(self, batch, mortar, ledger, palette, work=mull):
        super().__init__(name=f"grinder-{batch.name.replace(' ', '-')}")
        self.batch = batch
        self.mortar = mortar
        self.ledger = ledger
        self.palette = palette
        self._work = work

    def run(self):
        well = self.palette.reserve_well(self.batch.name)
        log.info("reserved %s", well)
        self._work(self.batch, self.mortar)
        self.ledger.record(self.batch)
        self.ledger.tick()


def drying_monitor(palette: Palette, colours, done: threading.Event):
    checks = 0
    while not done.wait(0.02):  # ok: GIL001
        checks += 1
        if checks == 3:
            palette.mark_dry("gum water")
    log.info("monitor checked %d times", checks)


def seed_particles(count: int, start: float) -> list[float]:
    return [start + (i % 17) * 0.5 for i in range(count)]


def main() -> None:
    ledger = StudioLedger()
    palette = Palette(["shell-1", "shell-2"])
    batches = [
        PigmentBatch("vermilion", 2.5, 3.0),
        PigmentBatch("smalt", 1.8, 5.5),
        PigmentBatch("lead white", 4.0, 2.0),
    ]
    for batch in batches:
        batch.particles = seed_particles(STUDIO_CONFIG["particles"], 40.0)
    mortars = [AgateMortar(f"agate-{i}", **STUDIO_CONFIG) for i in range(len(batches))]

    done = threading.Event()
    monitor = threading.Thread(target=drying_monitor, args=(palette, batches, done), daemon=True)
    monitor.start()
    grinders = [GrinderThread(b, m, ledger, palette) for b, m in zip(batches, mortars)]
    for g in grinders:
        g.start()
    for g in grinders:
        g.join()
    done.set()
    monitor.join()
    print(f"ground {ledger.grams_ground:.1f} g in {ledger.batches_done} batches")
    for note in ledger.notes:
        print(" ", note)


if __name__ == "__main__":
    main()
