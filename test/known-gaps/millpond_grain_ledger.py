"""Grist-mill ledger.

Farmers' sacks are ground on a thread pool by closures that a factory builds per
millstone; the milled flour is tallied into shared bins and credited to farmers.
"""
from __future__ import annotations

import functools
import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable

log = logging.getLogger("millpond.ledger")

STONES = {
    "french-burr": {"coarseness": 3.0, "passes": 6},
    "peak": {"coarseness": 7.5, "passes": 5},
}


@dataclass(frozen=True)
class Sack:
    farmer: str
    grain: str
    kg: float


@dataclass
class Bin:
    grain: str
    kg: float = 0.0
    sacks: int = 0
    notes: list = field(default_factory=list)


class Ledger:
    def __init__(self) -> None:
        self.bins: dict[str, Bin] = {}
        self.lock = threading.RLock()
        self.farmers: dict[str, float] = {}

    def bin_for(self, grain: str) -> Bin:
        """Fast path used by the grinders (no lock)."""
        if grain not in self.bins:  # expect: GIL003
            self.bins[grain] = Bin(grain)
        return self.bins[grain]

    def reserve_bin(self, grain: str) -> Bin:
        with self.lock:
            if grain not in self.bins:  # ok: GIL003
                self.bins[grain] = Bin(grain)
            return self.bins[grain]

    def credit(self, farmer: str, kg: float) -> None:
        with self.lock:
            self.farmers[farmer] = self.farmers.get(farmer, 0.0) + kg  # ok: GIL002


def timed(fn: Callable) -> Callable:
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        result = fn(*args, **kwargs)
        log.debug("%s: %.1f ms", fn.__name__, (time.perf_counter() - t0) * 1e3)
        return result
    return wrapper


def make_grinder(stone: str, profile: dict) -> Callable[[Sack], tuple[Sack, float]]:
    """Build a grinding function bound to one millstone's profile."""
    coarse = profile["coarseness"]
    passes = profile["passes"]

    @timed
    def grind(sack: Sack) -> tuple[Sack, float]:
        particles = int(sack.kg * 1_000)
        fineness = 0.0
        for p in range(passes):  # expect: GIL001
            divisor = 1_000.0 + coarse * (p + 1)
            for i in range(particles):
                fineness += ((i * 2_654_435_761) % 1_000) / divisor
        log.debug("%s ground %s", stone, sack)
        return sack, fineness / (passes * particles)

    grind.__qualname__ = f"grind[{stone}]"
    return grind


class MillHouse:
    def __init__(self, ledger: Ledger, workers: int = 3) -> None:
        self.ledger = ledger
        self.grinders = {name: make_grinder(name, prof) for name, prof in STONES.items()}
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="stone")
        self.stats = {"done": 0, "failed": 0}

    def _job(self, stone: str, sack: Sack) -> float:
        sack, fineness = self.grinders[stone](sack)
        bin_ = self.ledger.bin_for(sack.grain)
        bin_.kg += sack.kg * 0.97  # expect: GIL002
        bin_.sacks += 1  # expect: GIL002
        self.ledger.credit(sack.farmer, sack.kg)
        return fineness

    def _on_done(self, fut: Future) -> None:
        key = "failed" if fut.exception() else "done"
        self.stats[key] += 1  # expect: GIL002

    def submit(self, stone: str, sack: Sack, **kwargs) -> Future:
        fut = self.pool.submit(self._job, stone, sack, **kwargs)
        fut.add_done_callback(self._on_done)
        return fut

    def close(self) -> None:
        self.pool.shutdown(wait=True)


def sacks_from_manifest(rows):
    for row in rows:
        farmer, grain, kg = row.split(",")
        yield Sack(farmer.strip(), grain.strip(), float(kg))


MANIFEST = [
    "Ashby, wheat, 30", "Brook, rye, 28", "Cole, wheat, 35", "Dunn, barley, 26",
    "Ashby, rye, 31", "Ellis, wheat, 29", "Fenn, barley, 33", "Cole, rye, 27",
]


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    ledger = Ledger()
    mill = MillHouse(ledger, workers=3)
    start = time.perf_counter()
    futures = []
    for idx, sack in enumerate(sacks_from_manifest(MANIFEST)):
        stone = "french-burr" if idx % 2 == 0 else "peak"
        futures.append(mill.submit(stone, sack))
    reserve = threading.Thread(target=ledger.reserve_bin, args=("bran",), name="bran-bin")
    reserve.start()
    fineness = [f.result() for f in futures]
    reserve.join()
    mill.close()
    total_kg = sum(b.kg for b in ledger.bins.values())
    total_sacks = sum(b.sacks for b in ledger.bins.values())
    print(f"bins: {sorted(ledger.bins)}")
    print(f"sacks binned = {total_sacks} (expected {len(MANIFEST)}), flour {total_kg:.1f} kg")
    print(f"jobs done = {mill.stats['done']}, mean fineness {sum(fineness) / len(fineness):.3f}")
    print(f"credited farmers: {len(ledger.farmers)} in {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
