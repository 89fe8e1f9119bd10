"""Ice quality monitor for the resurfacing crew.

Async sensor pollers sample surface temperature and ice thickness; between
resurfacing passes the blade is cooled, the thickness grid is smoothed into an
ice profile on a worker thread, and readings are flushed to a log file.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import math
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List

log = logging.getLogger("icerink.monitor")

SETTINGS: Dict[str, Any] = {
    "grid_rows": 30,
    "grid_cols": 60,
    "smoothing_passes": 200,
    "poll_period_s": 0.01,
    "samples_per_sensor": 6,
    "blade_cooldown_s": 0.03,
}


@dataclass
class Reading:
    sensor: str
    value: float
    taken_at: float = field(default_factory=time.monotonic)

    def as_line(self) -> str:
        return f"{self.taken_at:.3f}\t{self.sensor}\t{self.value:.2f}\n"


@dataclass
class Sensor:
    name: str
    base: float
    spread: float
    samples: int = SETTINGS["samples_per_sensor"]
    period: float = SETTINGS["poll_period_s"]
    _tick: int = 0

    def read(self) -> float:
        self._tick += 1
        return self.base + self.spread * math.sin(self._tick * 1.7)


@dataclass
class Resurfacer:
    name: str
    cooldown_s: float = SETTINGS["blade_cooldown_s"]
    passes: int = 0


def compute_ice_profile(grid: List[List[float]], *, passes: int, weight: float = 0.25) -> List[List[float]]:
    """Relax the thickness grid so the crew sees where the ice is thin."""
    rows, cols = len(grid), len(grid[0])
    current = [row[:] for row in grid]
    for _ in range(passes):  # expect: GIL001
        nxt = [row[:] for row in current]
        for r in range(1, rows - 1):
            above, here, below = current[r - 1], current[r], current[r + 1]
            out = nxt[r]
            for c in range(1, cols - 1):
                neighbours = above[c] + below[c] + here[c - 1] + here[c + 1]
                out[c] = here[c] * (1 - weight) + neighbours * weight / 4
        current = nxt
    return current


def flush_readings(path: str, readings: List[Reading]) -> int:
    """Append readings to the crew log and give the disk a moment to settle."""
    written = 0
    with open(path, "a", encoding="utf-8") as fh:
        for reading in readings:  # ok: GIL001
            fh.write(reading.as_line())
            written += 1
    time.sleep(0.02)  # ok: GIL004
    return written


class IceMonitor:
    def __init__(self, log_path: str, **settings: Any) -> None:
        self.settings = {**SETTINGS, **settings}
        self.log_path = log_path
        self.readings: List[Reading] = []
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="ice")
        self._hooks: List[Callable[[Reading], None]] = []

    def on_reading(self, hook: Callable[[Reading], None]) -> Callable[[Reading], None]:
        self._hooks.append(hook)
        return hook

    async def _offload(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, functools.partial(fn, *args, **kwargs))

    async def poll(self, sensor: Sensor) -> None:
        for _ in range(sensor.samples):
            reading = Reading(sensor.name, sensor.read())
            self.readings.append(reading)
            for hook in self._hooks:
                hook(reading)
            await asyncio.sleep(sensor.period)  # ok: GIL004

    async def cool_blade(self, machine: Resurfacer) -> None:
        log.info("cooling blade on %s", machine.name)
        time.sleep(machine.cooldown_s)  # expect: GIL004
        machine.passes += 1

    async def profile(self) -> List[List[float]]:
        rows, cols = self.settings["grid_rows"], self.settings["grid_cols"]
        grid = [[25.0 + ((r * 7 + c * 3) % 11) for c in range(cols)] for r in range(rows)]
        return await self._offload(compute_ice_profile, grid,
                                   passes=self.settings["smoothing_passes"])

    async def flush(self) -> int:
        pending, self.readings = self.readings, []
        return await asyncio.to_thread(flush_readings, self.log_path, pending)

    def close(self) -> None:
        self._pool.shutdown(wait=True)


async def run_shift(log_path: str) -> Dict[str, Any]:
    monitor = IceMonitor(log_path)
    alarms: List[str] = []

    @monitor.on_reading
    def too_warm(reading: Reading) -> None:
        if reading.sensor.startswith("temp") and reading.value > -3.0:
            alarms.append(f"{reading.sensor} at {reading.value:.1f}C")

    sensors = [
        Sensor("temp-centre", base=-3.6, spread=1.2),
        Sensor("temp-goal-n", base=-5.0, spread=0.8),
        Sensor("depth-blue", base=31.0, spread=2.0),
    ]
    zamboni = Resurfacer("zamboni-1")
    try:
        profile_task = asyncio.create_task(monitor.profile())
        await asyncio.gather(*(monitor.poll(s) for s in sensors))
        await monitor.cool_blade(zamboni)
        profile = await profile_task
        written = await monitor.flush()
    finally:
        monitor.close()
    thinnest = min(min(row[1:-1]) for row in profile[1:-1])
    return {"written": written, "alarms": alarms, "thinnest": thinnest, "passes": zamboni.passes}


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "ice.log")
        started = time.perf_counter()
        summary = asyncio.run(run_shift(path))
        with open(path, encoding="utf-8") as fh:
            lines = fh.readlines()
    print(f"shift done in {time.perf_counter() - started:.2f}s")
    print(f"readings logged = {summary['written']} ({len(lines)} lines on disk)")
    print(f"alarms = {len(summary['alarms'])}; thinnest ice = {summary['thinnest']:.2f} mm")
    print(f"blade passes = {summary['passes']}")


if __name__ == "__main__":
    main()
