"""Long-straw thatch: grading straw for yelms, with a timed grading journal.

An asyncio service grades each delivery of threshed straw (the stem-by-stem
grading runs in a worker thread via asyncio.to_thread) and journals results.
The journal is flushed to a file by threading.Timer callbacks.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import os
import random
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Awaitable, Callable

log = logging.getLogger("thatch.yelm")

GRADING = {"stems_per_load": 45_000, "bends": 4, "flush_after_s": (0.02, 0.05), "yelm_stems": 900}


@dataclass(frozen=True)
class Load:
    farm: str
    variety: str
    stems: tuple[tuple[float, float, float], ...]  # (length_cm, butt_mm, kink)

    @property
    def yelms(self) -> int:
        return len(self.stems) // GRADING["yelm_stems"]


def async_retry(attempts: int = 3, delay_s: float = 0.005):
    def decorate(fn: Callable[..., Awaitable]):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for n in range(attempts):
                try:
                    return await fn(*args, **kwargs)
                except ConnectionError:
                    if n == attempts - 1:
                        raise
                    await asyncio.sleep(delay_s)

        return wrapper

    return decorate


def grade_stems(stems: tuple[tuple[float, float, float], ...], bends: int) -> dict[str, int]:
    counts = {"best": 0, "fair": 0, "waste": 0}
    for length, butt, kink in stems:  # expect: GIL001
        strength = butt * 0.8
        for b in range(bends):
            strength -= kink * (b + 1) * 0.3
        if length > 90 and strength > 1.5:
            counts["best"] += 1  # ok: GIL002
        elif length > 60 and strength > 0.5:
            counts["fair"] += 1
        else:
            counts["waste"] += 1
    return counts


class GradingJournal:
    """Lines are appended on the event loop; Timer threads write them out."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.pending: list[str] = []
        self.flushed = 0

    def note(self, line: str) -> None:
        self.pending.append(line)

    def flush(self, reason: str) -> None:
        batch, self.pending = self.pending, []
        with open(self.path, "a", encoding="utf-8") as fh:
            for line in batch:  # ok: GIL001
                fh.write(f"{reason}: {line}\n")
        time.sleep(0.002)  # ok: GIL004
        self.flushed += len(batch)  # expect: GIL002

    def schedule(self, delays: tuple[float, ...]) -> list[threading.Timer]:
        timers = [threading.Timer(d, self.flush, kwargs={"reason": f"t+{d:.2f}s"}) for d in delays]
        for t in timers:
            t.start()
        return timers


@async_retry(attempts=2)
async def weather_ok(farm: str) -> bool:
    await asyncio.sleep(0.004)  # ok: GIL004
    return not farm.endswith("marsh")


async def grade_load(load: Load, journal: GradingJournal) -> dict[str, int]:
    if not await weather_ok(load.farm):
        journal.note(f"{load.farm}: too damp to grade")
        return {}
    counts = await asyncio.to_thread(grade_stems, load.stems, GRADING["bends"])
    journal.note(f"{load.farm} {load.variety}: {counts} ({load.yelms} yelms)")
    return counts


def thresh(farm: str, variety: str, n: int, seed: int) -> Load:
    rng = random.Random(seed)
    stems = tuple((rng.uniform(40, 130), rng.uniform(1.0, 4.0), rng.random()) for _ in range(n))
    return Load(farm, variety, stems)


async def main() -> None:
    logging.basicConfig(level=logging.INFO)
    loads = [
        thresh("hollow farm", "maris widgeon", GRADING["stems_per_load"], 1),
        thresh("lower marsh", "squarehead", 2_000, 2),
        thresh("ridge end", "triticale", GRADING["stems_per_load"], 3),
    ]
    with tempfile.TemporaryDirectory(prefix="yelm-") as tmp:
        journal = GradingJournal(os.path.join(tmp, "journal.txt"))
        started = time.perf_counter()
        timers = journal.schedule(GRADING["flush_after_s"])
        results = await asyncio.gather(*(grade_load(load, journal) for load in loads))
        for t in timers:
            await asyncio.to_thread(t.join)
        await asyncio.to_thread(journal.flush, "final")
        with open(journal.path, encoding="utf-8") as fh:
            journal_lines = sum(1 for _ in fh)
    for load, counts in zip(loads, results):
        print(f"{load.farm:<12} {counts or 'skipped'}")
    print(f"journal lines = {journal_lines}, flushed = {journal.flushed}, "
          f"{time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
