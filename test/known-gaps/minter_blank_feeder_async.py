"""Async blank feeder for a coin mint.

Coin blanks are annealed in batches: the controller polls the furnace until the soak
temperature is reached, runs the weight-tolerance check of the batch in a worker thread,
and purges the furnace before the next batch.  Batches are processed concurrently.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import random
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("minter.feeder")

FEEDER_CONFIG = {
    "batches": ["B-0917", "B-0918", "B-0919"],
    "soak_c": 700.0,
    "sensor_delay_s": 0.002,
    "purge_s": 0.01,
    "weigh": {"blanks": 120_000, "nominal_g": 7.776, "spread_g": 0.012},
}

BATCH_TOTALS: dict[str, int] = {}
_totals_lock = threading.Lock()


def stage(name: str):
    """Decorator for coroutine stages: logs start/finish and the stage duration."""

    def decorate(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            log.debug("stage %s starting", name)
            try:
                return await fn(*args, **kwargs)
            finally:
                log.debug("stage %s took %.3fs", name, time.perf_counter() - t0)

        return wrapper

    return decorate


class AnnealingFurnace:
    def __init__(self, name: str, sensor_delay_s: float, purge_s: float, ramp_c_per_read: float = 260.0):
        self.name = name
        self.sensor_delay_s = sensor_delay_s
        self.purge_s = purge_s
        self.ramp_c_per_read = ramp_c_per_read
        self._reads = 0

    @property
    def temperature(self) -> float:
        """Reads the thermocouple over the (synchronous) Modbus driver."""
        time.sleep(self.sensor_delay_s)  # expect: GIL004
        self._reads += 1  # ok: GIL002
        return min(20.0 + self._reads * self.ramp_c_per_read, 760.0)


def purge_line(furnace_name: str, seconds: float) -> str:
    """Nitrogen purge over the blocking valve driver; only ever called through asyncio.to_thread."""
    time.sleep(seconds)  # ok: GIL004
    return f"purged {furnace_name}"


@dataclass
class BatchReport:
    batch_id: str
    furnace: str
    polls: int = 0
    rejected: int = 0
    notes: list[str] = field(default_factory=list)


def weigh_tolerance(batch_id: str, *, blanks: int, nominal_g: float, spread_g: float, seed: int = 0) -> int:
    """Simulated check-weigher: counts blanks outside +-35 mg of the nominal weight."""
    rng = random.Random(f"{batch_id}:{seed}")
    rejected = 0
    for _ in range(blanks):  # expect: GIL001
        if abs(rng.gauss(nominal_g, spread_g) - nominal_g) > 0.035:
            rejected += 1  # ok: GIL002
    BATCH_TOTALS["blanks"] = BATCH_TOTALS.get("blanks", 0) + blanks  # expect: GIL002
    with _totals_lock:
        BATCH_TOTALS["rejected"] = BATCH_TOTALS.get("rejected", 0) + rejected  # ok: GIL002
    return rejected


class Feeder:
    def __init__(self, config: dict):
        self.config = config
        self.furnaces = [AnnealingFurnace(f"F{i}", config["sensor_delay_s"], config["purge_s"])
                         for i in range(len(config["batches"]))]

    @stage("soak")
    async def soak(self, furnace: AnnealingFurnace, report: BatchReport) -> None:
        while furnace.temperature < self.config["soak_c"]:
            report.polls += 1
            await asyncio.sleep(0.002)  # ok: GIL004

    @stage("weigh")
    async def weigh(self, report: BatchReport) -> None:
        report.rejected = await asyncio.to_thread(weigh_tolerance, report.batch_id, **self.config["weigh"])

    @stage("purge")
    async def purge(self, furnace: AnnealingFurnace, report: BatchReport) -> None:
        note = await asyncio.to_thread(purge_line, furnace.name, furnace.purge_s)
        report.notes.append(note)

    async def run_batch(self, batch_id: str, furnace: AnnealingFurnace) -> BatchReport:
        report = BatchReport(batch_id, furnace.name)
        await self.soak(furnace, report)
        await self.weigh(report)
        await self.purge(furnace, report)
        return report

    async def run(self) -> list[BatchReport]:
        pairs = zip(self.config["batches"], self.furnaces)
        return list(await asyncio.gather(*(self.run_batch(b, f) for b, f in pairs)))


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    reports = asyncio.run(Feeder(FEEDER_CONFIG).run())
    for r in reports:
        print(f"{r.batch_id} in {r.furnace}: {r.polls} polls, {r.rejected} blanks rejected, {'; '.join(r.notes)}")
    expected = FEEDER_CONFIG["weigh"]["blanks"] * len(FEEDER_CONFIG["batches"])
    print(f"blanks weighed = {BATCH_TOTALS['blanks']} (expected {expected})")
    print(f"rejected total = {BATCH_TOTALS['rejected']}")
    print(f"elapsed = {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
