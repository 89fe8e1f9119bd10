"""Dairy churning: the dairymaids' jobs are kept in a registry on the dairy, and
each churn is a thread whose target is looked up there.  The churn model counts
every stroke of the dasher in pure Python; the butter pats are tallied through a
property, the butterfat under the dairy's re-entrant lock.
"""
from __future__ import annotations

import contextlib
import functools
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

log = logging.getLogger("dairymaid.churn")

DAIRY_CONFIG = {
    "batches": [
        {"maid": "hetty", "cream_litres": 9.0, "strokes": 400_000},
        {"maid": "molly", "cream_litres": 7.5, "strokes": 380_000},
        {"maid": "prue", "cream_litres": 8.0, "strokes": 390_000},
    ],
    "pans": 6,
}


@dataclass
class Batch:
    maid: str
    cream_litres: float
    strokes: int
    butter_grams: float = 0.0

    @property
    def fat_grams(self) -> float:
        return self.cream_litres * 38.0


@dataclass
class Dairy:
    name: str
    fat_grams: float = 0.0
    skimmed: list[float] = field(default_factory=list)
    _pats: int = 0
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    _jobs: dict[str, Callable] = field(default_factory=dict, repr=False)

    @property
    def butter_pats(self) -> int:
        return self._pats

    @butter_pats.setter
    def butter_pats(self, value: int) -> None:
        self._pats = value

    @contextlib.contextmanager
    def locked(self):
        with self._lock:
            yield self

    def job(self, name: str):
        """Decorator: register a dairy job under a name."""
        def register(fn: Callable) -> Callable:
            self._jobs[name] = fn
            return fn
        return register

    def job_for(self, name: str) -> Callable:
        return self._jobs[name]


def announce(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        log.info("%s begins %s", threading.current_thread().name, fn.__name__)
        started = time.perf_counter()
        result = fn(*args, **kwargs)
        log.info("%s done in %.0f ms", fn.__name__, (time.perf_counter() - started) * 1000)
        return result
    return wrapper


dairy = Dairy("Home Farm dairy")


@dairy.job("churn")
@announce
def churn_cream(shop: Dairy, batch: Batch) -> None:
    agitation = 1
    breaks = 0
    for stroke in range(batch.strokes):  # expect: GIL001
        agitation = (agitation * 7 + stroke) % 10_007
        if agitation % 997 == 0:
            breaks += 1
    batch.butter_grams = batch.fat_grams * 0.82
    pats = int(batch.butter_grams // 25)
    shop.butter_pats += pats  # expect: GIL002
    with shop.locked() as locked_shop:
        locked_shop.fat_grams += batch.fat_grams  # ok: GIL002
    log.debug("%s: %d breaks", batch.maid, breaks)


@dairy.job("skim")
def skim_pans(shop: Dairy, pans: int) -> None:
    for pan in range(pans):  # ok: GIL001
        depth = 2.0 + (pan % 3) * 0.5
        shop.skimmed.append(round(depth * 0.3, 2))


class DairyRound:
    """Starts every job for the morning and waits for all of them."""

    def __init__(self, shop: Dairy, **config) -> None:
        self.shop = shop
        self.batches = [Batch(**spec) for spec in config["batches"]]
        self.pans = config.get("pans", 4)
        self.threads: list[threading.Thread] = []

    def _spawn(self, job: str, name: str, *args) -> None:
        target = self.shop.job_for(job)
        thread = threading.Thread(target=target, args=(self.shop, *args), name=name)
        self.threads.append(thread)
        thread.start()

    def run(self) -> float:
        started = time.perf_counter()
        for batch in self.batches:
            self._spawn("churn", f"churn-{batch.maid}", batch)
        self._spawn("skim", "skimmer", self.pans)
        for thread in self.threads:
            thread.join()
        return time.perf_counter() - started


def main() -> int:
    logging.basicConfig(level=logging.WARNING, format="%(threadName)s %(message)s")
    morning = DairyRound(dairy, **DAIRY_CONFIG)
    elapsed = morning.run()
    expected_pats = sum(int(b.fat_grams * 0.82 // 25) for b in morning.batches)
    expected_fat = sum(b.fat_grams for b in morning.batches)
    print(f"butter pats = {dairy.butter_pats} (expected {expected_pats})")
    print(f"butterfat = {dairy.fat_grams:.1f} g (expected {expected_fat:.1f} g)")
    print(f"skimmed {len(dairy.skimmed)} pans: {dairy.skimmed}")
    print(f"churned in {elapsed:.2f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
