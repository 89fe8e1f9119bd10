"""Shepherd's muster: one thread per pasture decodes ear tags and counts the flock."""
from __future__ import annotations

import functools
import logging
import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterator

log = logging.getLogger("shepherd.count")

BREEDS = ("cheviot", "herdwick", "jacob", "suffolk")

flock_total = 0
largest = {"name": None, "count": 0}
per_breed: dict[str, int] = {}
tally_lock = threading.Lock()
_local = threading.local()


@dataclass(frozen=True)
class Pasture:
    name: str
    seed: int
    size: int

    @property
    def label(self) -> str:
        return f"{self.name} ({self.size} head)"


def ear_tags(seed: int, count: int) -> Iterator[int]:
    """Stage 1: the tag reader produces raw tag numbers."""
    state = seed
    for _ in range(count):
        state = (state * 69069 + 1) & 0xFFFFFFFF
        yield state


def decode(tags: Iterator[int]) -> Iterator[tuple[str, int, int]]:
    """Stage 2: split a raw tag into breed, age and weight."""
    for tag in tags:
        yield BREEDS[(tag >> 16) & 3], (tag >> 2) % 12 + 1, (tag >> 6) % 90 + 20


def tally(pasture: Pasture) -> int:
    """Stage 3: count healthy sheep; per-thread progress lives on a threading.local."""
    _local.seen = 0
    breeds: dict[str, int] = {}
    healthy = 0
    for breed, age, weight in decode(ear_tags(pasture.seed, pasture.size)):  # expect: GIL001
        _local.seen += 1  # ok: GIL002
        breeds[breed] = breeds.get(breed, 0) + 1  # ok: GIL002
        if weight > age * 6:
            healthy += 1
    with tally_lock:
        for breed, n in breeds.items():
            per_breed[breed] = per_breed.get(breed, 0) + n  # ok: GIL002
    log.debug("%s: saw %d", pasture.name, _local.seen)
    _local.healthy = healthy
    return healthy


def count_pasture(pasture: Pasture) -> None:
    global flock_total
    flock_total += tally(pasture)  # expect: GIL002
    if largest["count"] < _local.healthy:  # expect: GIL003
        largest.update(name=pasture.name, count=_local.healthy)
        log.info("new largest healthy flock: %s", pasture.label)


class Muster:
    """Callback registry: named jobs, each run on its own thread."""

    def __init__(self) -> None:
        self._jobs: dict[str, Callable[[], None]] = {}
        self._threads: list[threading.Thread] = []

    def register(self, name: str, job: Callable[[], None]) -> None:
        if name in self._jobs:
            raise ValueError(f"duplicate job {name}")
        self._jobs[name] = job

    def job(self, name: str):
        def decorate(fn: Callable[[], None]) -> Callable[[], None]:
            self.register(name, fn)
            return fn

        return decorate

    def start(self, **thread_opts) -> None:
        for name, job in self._jobs.items():
            thread = threading.Thread(target=job, name=name, **thread_opts)
            self._threads.append(thread)
            thread.start()

    def wait(self) -> None:
        for thread in self._threads:
            thread.join()


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    pastures = [Pasture("high fell", 11, 70_000), Pasture("beck side", 23, 60_000),
                Pasture("long meadow", 37, 80_000)]
    muster = Muster()
    for pasture in pastures:
        muster.register(f"count-{pasture.name}", functools.partial(count_pasture, pasture))

    @muster.job("gate-check")
    def gate_check() -> None:
        for gate in ("north", "south", "ford"):  # ok: GIL001
            time.sleep(0.005)
            log.info("gate %s shut", gate)

    started = time.perf_counter()
    muster.start(daemon=False)
    muster.wait()
    print(f"healthy {flock_total}, breeds {dict(sorted(per_breed.items()))}, "
          f"largest {largest['name']} in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
