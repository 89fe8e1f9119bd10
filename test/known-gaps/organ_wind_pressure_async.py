"""Wind-pressure watch for a pipe organ during tuning.

Valve controllers on each wind reservoir are polled from asyncio.  The blower
is sampled through a blocking vendor call on a worker thread, and pressure
readings are archived to disk by a few archiver threads that share one
buffer.  Flaky valve controllers are retried.
"""
from __future__ import annotations

import asyncio
import collections
import functools
import logging
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Deque, Dict, List

log = logging.getLogger("organ.wind")

WIND = {
    "reservoirs": ["Great", "Swell", "Pedal"],
    "polls": 8,
    "period_s": 0.005,
    "archivers": 3,
    "retries": 3,
    "backoff_s": 0.01,
}


def retry_async(times: int, backoff: float,
                errors=(ConnectionError,)) -> Callable[[Callable[..., Awaitable[Any]]], Callable[..., Awaitable[Any]]]:
    def decorate(fn: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        @functools.wraps(fn)
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            for attempt in range(1, times + 1):
                try:
                    return await fn(*args, **kwargs)
                except errors as exc:
                    if attempt == times:
                        raise
                    log.info("retrying %s after %s", fn.__name__, exc)
                    time.sleep(backoff * attempt)  # expect: GIL004
        return wrapper
    return decorate


@dataclass
class Reading:
    reservoir: str
    mm_water: float
    at: float = field(default_factory=time.monotonic)


@dataclass
class Valve:
    reservoir: str
    nominal: float
    flaky_polls: int = 0
    polls: int = 0

    async def query(self) -> float:
        self.polls += 1
        await asyncio.sleep(0)
        if self.polls <= self.flaky_polls:
            raise ConnectionError(f"{self.reservoir} controller did not answer")
        return self.nominal + ((self.polls * 13) % 7 - 3) * 0.4


class ReadingBuffer:
    def __init__(self) -> None:
        self.pending: Deque[Reading] = collections.deque()
        self.misses = 0

    def push(self, reading: Reading) -> None:
        self.pending.append(reading)

    def archive(self, path: str) -> int:
        written = 0
        with open(path, "a", encoding="utf-8") as fh:
            while True:  # ok: GIL001
                if self.pending:  # expect: GIL003
                    try:
                        reading = self.pending.popleft()
                    except IndexError:
                        self.misses += 1  # expect: GIL002
                        break
                    fh.write(f"{reading.at:.4f} {reading.reservoir} {reading.mm_water:.1f}\n")
                    written += 1
                else:
                    break
        return written


def sample_blower(rpm_target: int) -> float:
    """Vendor SDK call: blocks while the tachometer integrates."""
    time.sleep(0.02)  # ok: GIL004
    return rpm_target * 0.985


class WindWatch:
    def __init__(self, archive_dir: str, **overrides: Any) -> None:
        self.cfg = {**WIND, **overrides}
        self.buffer = ReadingBuffer()
        self.archive_dir = archive_dir
        self._pool = ThreadPoolExecutor(max_workers=self.cfg["archivers"] + 1)

    @retry_async(times=WIND["retries"], backoff=WIND["backoff_s"])
    async def read_valve(self, valve: Valve) -> Reading:
        return Reading(valve.reservoir, await valve.query())

    async def watch(self, valve: Valve) -> None:
        for _ in range(self.cfg["polls"]):
            self.buffer.push(await self.read_valve(valve))
            await asyncio.sleep(self.cfg["period_s"])  # ok: GIL004

    async def blower_rpm(self) -> float:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, sample_blower, 1450)

    async def archive(self) -> int:
        loop = asyncio.get_running_loop()
        paths = [os.path.join(self.archive_dir, f"wind-{i}.log") for i in range(self.cfg["archivers"])]
        counts = await asyncio.gather(
            *(loop.run_in_executor(self._pool, self.buffer.archive, p) for p in paths))
        return sum(counts)

    def close(self) -> None:
        self._pool.shutdown(wait=True)


async def tuning_session(archive_dir: str) -> Dict[str, Any]:
    watch = WindWatch(archive_dir)
    valves = [Valve(name, nominal=70.0 + 5 * i, flaky_polls=1 if name == "Swell" else 0)
              for i, name in enumerate(watch.cfg["reservoirs"])]
    try:
        rpm, _ = await asyncio.gather(watch.blower_rpm(),
                                      asyncio.gather(*(watch.watch(v) for v in valves)))
        queued = len(watch.buffer.pending)
        archived = await watch.archive()
    finally:
        watch.close()
    return {"rpm": rpm, "queued": queued, "archived": archived, "misses": watch.buffer.misses,
            "polls": {v.reservoir: v.polls for v in valves}}


def count_lines(path: str) -> int:
    with open(path, encoding="utf-8") as fh:
        return sum(1 for _ in fh)


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        summary = asyncio.run(tuning_session(tmp))
        on_disk = sum(count_lines(os.path.join(tmp, name)) for name in os.listdir(tmp))
    print(f"session finished in {time.perf_counter() - started:.2f}s")
    print(f"blower at {summary['rpm']:.0f} rpm")
    print(f"archived = {summary['archived']} (expected {summary['queued']}), lines on disk = {on_disk}")
    print(f"archive misses = {summary['misses']}")
    print(f"valve polls = {summary['polls']}")


if __name__ == "__main__":
    main()
