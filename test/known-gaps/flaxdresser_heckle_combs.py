"""Heckle scutched flax through a set of combs, coarse to fine.

Each heckler works in a thread of the dressing-shop shift: every strick is
drawn through the combs tooth row by tooth row, splitting the long line
fibre from the tow. Each heckler keeps a private count of comb passes; the
dressery's line and tow weights are shared by the whole shift.
"""
from __future__ import annotations

import functools
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

log = logging.getLogger("flaxdresser.heckle")

comb_state = threading.local()

COMBS = [
    {"name": "ruffer", "teeth": 40, "pitch_mm": 9.0},
    {"name": "middle", "teeth": 64, "pitch_mm": 5.0},
    {"name": "fine", "teeth": 96, "pitch_mm": 2.5},
]

SHIFT = {
    "hecklers": {"Martha": 60, "Josiah": 56, "Ruth": 58},
    "strick_g": 250.0,
}


@dataclass
class Comb:
    name: str
    teeth: int
    pitch_mm: float

    @property
    def grip(self) -> float:
        return 1.0 / self.pitch_mm


@dataclass
class Dressery:
    line_fibre_g: float = 0.0
    tow_g: float = 0.0
    stricks: int = 0
    _rlock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def add_line(self, grams: float) -> None:
        with self._rlock:
            self.line_fibre_g += grams  # ok: GIL002
            self._count()

    def _count(self) -> None:
        with self._rlock:  # re-entered from add_line
            self.stricks += 1  # ok: GIL002

    def add_tow(self, grams: float) -> None:
        self.tow_g += grams  # expect: GIL002

    @property
    def line_ratio(self) -> float:
        total = self.line_fibre_g + self.tow_g
        return self.line_fibre_g / total if total else 0.0


def draw_through(comb: Comb, fibre: float, strick_g: float) -> tuple[float, float]:
    """One pass of a strick through a comb: returns (line kept, tow combed out)."""
    tow = 0.0
    for row in range(comb.teeth):
        pull = comb.grip * (1.0 - row / (comb.teeth * 2.0))
        loss = fibre * pull * 0.0009
        fibre -= loss
        tow += loss
    return fibre, tow * strick_g / 100


def heckler(name: str, stricks: int, combs: list[Comb], dressery: Dressery, *,
            strick_g: float, passes_per_comb: int = 18) -> str:
    comb_state.passes = 0
    comb_state.name = name
    for strick in range(stricks):  # expect: GIL001
        fibre = 100.0 - (strick % 7)
        tow_total = 0.0
        for comb in combs:
            for _ in range(passes_per_comb):
                fibre, tow = draw_through(comb, fibre, strick_g)
                tow_total += tow
                comb_state.passes += 1  # ok: GIL002
        dressery.add_line(fibre * strick_g / 100)
        dressery.add_tow(tow_total)
    return f"{name}: {stricks} stricks, {comb_state.passes} comb passes"


class Shift:
    """Holds the work function and builds one thread per heckler when the bell goes."""

    def __init__(self, work: Callable[..., str], thread_factory: Callable[..., threading.Thread]):
        self.work = work
        self.thread_factory = thread_factory
        self.reports: list[str] = []
        self._threads: list[threading.Thread] = []

    def _runner(self, *args, **kwargs) -> None:
        t0 = time.perf_counter()
        self.reports.append(self.work(*args, **kwargs))
        log.info("%s done in %.0f ms", threading.current_thread().name,
                 (time.perf_counter() - t0) * 1000)

    def ring_bell(self, assignments: dict[str, int], **shared_kwargs) -> None:
        for name, stricks in assignments.items():
            t = self.thread_factory(target=self._runner, name=f"heckler-{name}",
                                    args=(name, stricks), kwargs=shared_kwargs)
            self._threads.append(t)
        for t in self._threads:
            t.start()

    def finish(self) -> list[str]:
        for t in self._threads:
            t.join()
        return sorted(self.reports)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)-15s %(message)s")
    combs = [Comb(**c) for c in COMBS]
    dressery = Dressery()
    shift = Shift(heckler, functools.partial(threading.Thread, daemon=False))
    shift.ring_bell(SHIFT["hecklers"], combs=combs, dressery=dressery, strick_g=SHIFT["strick_g"])
    for line in shift.finish():
        print(line)
    expected = sum(SHIFT["hecklers"].values())
    print(f"stricks = {dressery.stricks} (expected {expected})")
    print(f"line {dressery.line_fibre_g / 1000:.2f} kg, tow {dressery.tow_g / 1000:.2f} kg, "
          f"line ratio {dressery.line_ratio:.3f}")


if __name__ == "__main__":
    main()
