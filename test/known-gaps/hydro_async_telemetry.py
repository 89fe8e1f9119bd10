"""Async telemetry hub for a hydroponic rack.

Coroutines poll pH / EC / temperature probes and push readings into an
asyncio.Queue; a drain coroutine batches them and archives each batch in a
worker thread (asyncio.to_thread) so the event loop is not blocked by disk I/O.
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
from dataclasses import dataclass, field
from typing import Awaitable, Callable, List, Optional

log = logging.getLogger("hydro.telemetry")

SETTINGS = {
    "probes": [("ph-1", "ph", 6.1), ("ec-1", "ec", 1.7), ("temp-1", "temp", 21.5), ("ec-2", "ec", 1.5)],
    "rounds": 10,
    "batch_size": 8,
    "poll_gap_s": 0.002,
}


@dataclass
class Reading:
    probe: str
    kind: str
    value: float
    ts: float = field(default_factory=time.time)

    def as_line(self) -> str:
        return f"{self.ts:.3f},{self.probe},{self.kind},{self.value:.3f}\n"


class Probe:
    """Wrapper around the vendor's synchronous RS-485 driver."""

    def __init__(self, name: str, kind: str, base: float, *, latency_s: float = 0.004):
        self.name = name
        self.kind = kind
        self._base = base
        self._latency_s = latency_s
        self._rng = random.Random(name)

    def read_blocking(self) -> Reading:
        time.sleep(self._latency_s)  # expect: GIL004
        return Reading(self.name, self.kind, self._base + self._rng.uniform(-0.1, 0.1))


class Archive:
    """Append-only CSV archive; write_batch runs in executor threads."""

    def __init__(self, path: str):
        self.path = path
        self._lock = threading.Lock()
        self.archived_batches = 0
        self.lines_written = 0

    def write_batch(self, batch: List[Reading]) -> int:
        self._lock.acquire()  # ok: GIL005
        try:
            with open(self.path, "a", encoding="utf-8") as fh:
                for reading in batch:  # ok: GIL001
                    fh.write(reading.as_line())
                fh.flush()
                os.fsync(fh.fileno())
            self.lines_written += len(batch)
        finally:
            self._lock.release()
        time.sleep(0.005)  # ok: GIL004
        self.archived_batches += 1  # expect: GIL002
        return len(batch)


def paced(gap_s: float):
    """Decorator for polling coroutines: wait gap_s after each call."""
    def deco(coro_fn: Callable[..., Awaitable[Optional[Reading]]]):
        @functools.wraps(coro_fn)
        async def wrapper(*args, **kwargs):
            result = await coro_fn(*args, **kwargs)
            await asyncio.sleep(gap_s)
            return result
        return wrapper
    return deco


class TelemetryHub:
    def __init__(self, probes: List[Probe], archive: Archive, *, rounds: int,
                 batch_size: int, poll_gap_s: float):
        self.probes = probes
        self.archive = archive
        self.rounds = rounds
        self.batch_size = batch_size
        self.queue: asyncio.Queue[Optional[Reading]] = asyncio.Queue()
        self.poll_once = paced(poll_gap_s)(self._poll_once)

    async def _poll_once(self, probe: Probe) -> Reading:
        reading = probe.read_blocking()
        await self.queue.put(reading)
        return reading

    async def poll(self, probe: Probe) -> None:
        for _ in range(self.rounds):
            await self.poll_once(probe)

    async def drain(self) -> int:
        batch: List[Reading] = []
        pending: List[asyncio.Task] = []
        while True:
            reading = await self.queue.get()
            if reading is None:
                break
            batch.append(reading)
            if len(batch) >= self.batch_size:
                pending.append(asyncio.create_task(asyncio.to_thread(self.archive.write_batch, batch)))
                batch = []
        if batch:
            pending.append(asyncio.create_task(asyncio.to_thread(self.archive.write_batch, batch)))
        written = await asyncio.gather(*pending)
        return sum(written)

    async def run(self) -> int:
        drainer = asyncio.create_task(self.drain())
        await asyncio.gather(*(self.poll(p) for p in self.probes))
        await self.queue.put(None)
        return await drainer


def build_hub(workdir: str, *, probes, **hub_kwargs) -> TelemetryHub:
    archive = Archive(os.path.join(workdir, "telemetry.csv"))
    return TelemetryHub([Probe(*spec) for spec in probes], archive, **hub_kwargs)


async def main_async(workdir: str) -> None:
    hub = build_hub(workdir, **SETTINGS)
    t0 = time.perf_counter()
    written = await hub.run()
    elapsed = time.perf_counter() - t0
    with open(hub.archive.path, encoding="utf-8") as fh:
        rows = fh.readlines()
    print(f"readings written={written} rows={len(rows)} lines={hub.archive.lines_written}")
    print(f"batches archived={hub.archive.archived_batches} in {elapsed:.2f}s")


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    with tempfile.TemporaryDirectory(prefix="hydro-tel-") as workdir:
        asyncio.run(main_async(workdir))


if __name__ == "__main__":
    main()
