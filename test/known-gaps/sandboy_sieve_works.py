"""Sand-boys' sieve works: pit sand is sieved into fine (for floors) and coarse (for mortar).

Each sieve is a Thread subclass.  Grains come from the pit through a generator; the
sieve sorts every grain against its mesh and bags the fine sand.  The mesh is cached
per thread; the day's haul is shared; a counter closure made by a factory counts the
sacks filled.
"""
from __future__ import annotations

import functools
import logging
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Iterator

log = logging.getLogger("sandboy.sieve")

WORKS = {
    "sieves": {"Tom": 1.2, "Dick": 1.5, "Harry": 1.2},
    "grains": 240_000,
    "grains_per_bushel": 4_000,
}

_local = threading.local()


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            log.info("%s: %.1f ms", fn.__qualname__, (time.perf_counter() - t0) * 1000)
    return wrapper


def build_mesh(mm: float) -> tuple[float, float]:
    time.sleep(0.003)  # fetching the right sieve from the shed
    return mm, mm * 2.5


def current_mesh(mm: float) -> tuple[float, float]:
    """Each sieving thread keeps its own mesh on a threading.local."""
    if getattr(_local, "mesh_mm", None) != mm:  # ok: GIL003
        _local.mesh_mm = mm
        _local.mesh = build_mesh(mm)
    return _local.mesh


def make_sack_counter() -> tuple[Callable[[str], int], Callable[[], int]]:
    sacks = 0

    def bump(who: str) -> int:
        nonlocal sacks
        sacks += 1  # expect: GIL002
        log.debug("%s filled a sack", who)
        return sacks

    def total() -> int:
        return sacks

    return bump, total


def classify(grains: Iterator[tuple[float, float]], mesh: tuple[float, float]) -> tuple[int, int, int]:
    fine_max, coarse_max = mesh
    fine = coarse = stones = 0
    for size, damp in grains:  # expect: GIL001
        effective = size * (1.0 + damp * 0.3)
        if effective <= fine_max:
            fine += 1
        elif effective <= coarse_max:
            coarse += 1
        else:
            stones += 1
    return fine, coarse, stones


@dataclass
class Haul:
    fine_bushels: float = 0.0
    coarse: dict[str, int] = field(default_factory=dict)
    stones: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, who: str, fine_bushels: float, coarse: int, stones: int) -> None:
        with self._lock:
            self.fine_bushels += fine_bushels  # ok: GIL002
            self.coarse[who] = coarse
            self.stones = self.stones + stones


class Sieve(threading.Thread):
    def __init__(self, who: str, mesh_mm: float, haul: Haul,
                 on_sack: Callable[[str], int], **opts):
        super().__init__(name=f"sieve-{who}")
        self.who = who
        self.mesh_mm = mesh_mm
        self.haul = haul
        self.on_sack = on_sack
        self.n_grains = opts.get("grains", 10_000)
        self.per_bushel = opts.get("grains_per_bushel", 1_000)

    def grains(self) -> Iterator[tuple[float, float]]:
        rng = random.Random(self.who)
        for _ in range(self.n_grains):
            yield rng.expovariate(0.8), rng.random()

    def run(self) -> None:
        self._work()

    @timed
    def _work(self) -> None:
        mesh = current_mesh(self.mesh_mm)
        fine, coarse, stones = classify(self.grains(), mesh)
        self.haul.add(self.who, fine / self.per_bushel, coarse, stones)
        self.on_sack(self.who)


class SieveWorks:
    def __init__(self, cfg: dict):
        self.cfg = cfg
        self.haul = Haul()
        self.bump, self.sacks = make_sack_counter()

    def run_day(self) -> float:
        opts = {k: v for k, v in self.cfg.items() if k != "sieves"}
        crew = [Sieve(who, mm, self.haul, self.bump, **opts)
                for who, mm in self.cfg["sieves"].items()]
        t0 = time.perf_counter()
        for s in crew:
            s.start()
        for s in crew:
            s.join()
        return time.perf_counter() - t0


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    works = SieveWorks(WORKS)
    elapsed = works.run_day()
    haul = works.haul
    print(f"fine sand: {haul.fine_bushels:.2f} bushels; stones picked out: {haul.stones}")
    for who, coarse in sorted(haul.coarse.items()):
        print(f"  {who:6s} coarse grains {coarse}")
    print(f"sacks counted: {works.sacks()} (expected {len(WORKS['sieves'])}); {elapsed:.2f}s")


if __name__ == "__main__":
    main()
