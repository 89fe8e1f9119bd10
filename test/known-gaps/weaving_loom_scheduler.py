"""Jacquard loom scheduler: one Thread subclass per loom renders a punch-card pattern.

Each loom thread computes its pattern row by row in pure Python, then books the finished
bolt on a shift ledger that all looms share.
"""
from __future__ import annotations

import functools
import logging
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("weaving.looms")

LOOM_CONFIG = {
    "looms": 3,
    "rows": 900,
    "warp_threads": 360,
    "palette": ("indigo", "madder", "weld", "undyed"),
}


def timed(label):
    """Decorator factory: log how long the wrapped call took."""

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                elapsed = (time.perf_counter() - start) * 1000
                log.debug("%s took %.1f ms", label, elapsed)

        return wrapper

    return decorate


class GuardedSection:
    """Context manager that takes a lock and records how long the section lasted."""

    def __init__(self, lock: threading.Lock):
        self._lock = lock
        self._requested = 0.0
        self.section_ms = 0.0

    def __enter__(self) -> "GuardedSection":
        self._requested = time.perf_counter()
        self._lock.acquire()  # ok: GIL005
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        self._lock.release()
        self.section_ms = (time.perf_counter() - self._requested) * 1000
        return False


@dataclass
class ShiftLedger:
    bolts_finished: int = 0
    warp_threads_used: int = 0
    patterns: dict = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def guard(self) -> GuardedSection:
        return GuardedSection(self._lock)


@dataclass(frozen=True)
class PatternSpec:
    name: str
    rows: int
    warp_threads: int
    seed: int

    @property
    def cells(self) -> int:
        return self.rows * self.warp_threads


class LoomThread(threading.Thread):
    """A loom: renders its pattern and books the bolt on the shared ledger."""

    def __init__(self, spec: PatternSpec, ledger: ShiftLedger, **kwargs):
        super().__init__(name=f"loom-{spec.name}", **kwargs)
        self.spec = spec
        self.ledger = ledger
        self.rows_done = 0
        self.card: list[int] = []

    def run(self) -> None:
        self.card = self._render_card()
        self._book_bolt()

    @timed("render")
    def _render_card(self) -> list[int]:
        return self._punch_rows(self.spec.rows, self.spec.warp_threads)

    def _punch_rows(self, rows: int, warp: int) -> list[int]:
        card = []
        seed = self.spec.seed
        for row in range(rows):  # expect: GIL001
            mask = 0
            for col in range(warp):
                lifted = ((row * 31) ^ (col * 17) ^ seed) % 7 < 3
                if lifted:
                    mask ^= 1 << (col % 61)
            card.append(mask)
        self.rows_done = len(card)
        return card

    def _book_bolt(self) -> None:
        self.ledger.bolts_finished += 1  # expect: GIL002
        with self.ledger.guard() as section:
            self.ledger.warp_threads_used += self.spec.warp_threads  # ok: GIL002
            self.ledger.patterns[self.spec.name] = len(self.card)
        log.debug("%s spent %.2f ms at the ledger", self.name, section.section_ms)


def build_specs(config: dict) -> list[PatternSpec]:
    specs = []
    for index in range(config["looms"]):
        colour = config["palette"][index % len(config["palette"])]
        specs.append(
            PatternSpec(
                name=f"{colour}-{index}",
                rows=config["rows"],
                warp_threads=config["warp_threads"],
                seed=0x5EED + index * 97,
            )
        )
    return specs


class LoomFloor:
    """Starts one loom per spec and waits for the shift to finish."""

    def __init__(self, config: dict, thread_cls=LoomThread):
        self.config = dict(config)
        self.ledger = ShiftLedger()
        self.thread_cls = thread_cls
        self.looms: list[threading.Thread] = []

    def start(self, **thread_kwargs) -> None:
        for spec in build_specs(self.config):
            loom = self.thread_cls(spec, self.ledger, **thread_kwargs)
            self.looms.append(loom)
            loom.start()

    def wait(self) -> ShiftLedger:
        for loom in self.looms:
            loom.join()
        return self.ledger

    def summary(self) -> str:
        rows = sum(getattr(loom, "rows_done", 0) for loom in self.looms)
        return (
            f"bolts={self.ledger.bolts_finished} rows={rows} "
            f"warp_used={self.ledger.warp_threads_used} patterns={sorted(self.ledger.patterns)}"
        )


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    floor = LoomFloor(LOOM_CONFIG)
    started = time.perf_counter()
    floor.start(daemon=False)
    floor.wait()
    elapsed = time.perf_counter() - started
    print(floor.summary())
    print(f"shift finished in {elapsed:.3f}s")


if __name__ == "__main__":
    main()
