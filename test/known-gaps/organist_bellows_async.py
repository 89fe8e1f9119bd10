"""Wind-system controller for a church organ, written with asyncio.

Each reservoir's manometer writes its readings to a dump file.  The controller
reads the dumps in worker threads, fits a damped-exponential pressure curve on
a thread pool, ramps the blower, and keeps a journal.
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

log = logging.getLogger("organ.wind")

DEFAULTS = {
    "settle_s": 0.004,
    "fit_iterations": 1400,
    "learning_rate": 0.02,
    "ramp_steps": 5,
}


@dataclass
class Reservoir:
    name: str
    target_mm: float
    readings: list = field(default_factory=list)
    fit: tuple = (0.0, 0.0)

    @property
    def dump_name(self) -> str:
        return f"{self.name.lower().replace(' ', '_')}.dump"

    @property
    def mean(self) -> float:
        return sum(self.readings) / len(self.readings) if self.readings else 0.0


def read_manometer(path: str) -> list:
    """Blocking read of a manometer dump (always called through asyncio.to_thread)."""
    time.sleep(0.003)  # ok: GIL004
    with open(path, encoding="ascii") as fh:
        return [float(tok) for tok in fh.read().split()]


def fit_pressure_curve(samples: list, *, iterations: int, rate: float) -> tuple:
    """Fit y = a * (1 - exp(-k t)) by plain gradient descent."""
    n = len(samples)
    peak = max(samples) or 1.0
    norm = [y / peak for y in samples]
    a, k = 0.5, 0.05
    for _ in range(iterations):  # expect: GIL001
        grad_a = grad_k = 0.0
        for t, y in enumerate(norm):
            e = math.exp(-k * t)
            err = a * (1.0 - e) - y
            grad_a += err * (1.0 - e)
            grad_k += err * a * t * e
        a -= rate * grad_a / n
        k -= rate * grad_k / n * 0.01
    return a * peak, k


def append_journal(path: str, lines: list) -> int:
    with open(path, "a", encoding="utf-8") as fh:
        for line in lines:  # ok: GIL001
            fh.write(f"{time.strftime('%H:%M:%S')} {line}\n")
    return len(lines)


class WindController:
    def __init__(self, workdir: str, pool: ThreadPoolExecutor, **overrides):
        self.workdir = workdir
        self.pool = pool
        self.config = {**DEFAULTS, **overrides}
        self.journal_path = os.path.join(workdir, "wind.journal")
        self.blower_rpm = 0

    def dump_path(self, reservoir: Reservoir) -> str:
        return os.path.join(self.workdir, reservoir.dump_name)

    async def sample(self, reservoir: Reservoir) -> Reservoir:
        reservoir.readings = await asyncio.to_thread(read_manometer, self.dump_path(reservoir))
        time.sleep(self.config["settle_s"])  # expect: GIL004
        loop = asyncio.get_running_loop()
        job = functools.partial(
            fit_pressure_curve,
            reservoir.readings,
            iterations=self.config["fit_iterations"],
            rate=self.config["learning_rate"],
        )
        reservoir.fit = await loop.run_in_executor(self.pool, job)
        return reservoir

    async def ramp_blower(self, target_rpm: int) -> int:
        steps = self.config["ramp_steps"]
        for step in range(1, steps + 1):
            self.blower_rpm = target_rpm * step // steps
            await asyncio.sleep(0.002)  # ok: GIL004
        return self.blower_rpm

    async def purge(self, seconds: float) -> str:
        def _vent():
            time.sleep(seconds)  # ok: GIL004
            return "vented"

        return await asyncio.to_thread(_vent)

    async def journal(self, lines: list) -> int:
        return await asyncio.to_thread(append_journal, self.journal_path, lines)


def write_dumps(workdir: str, reservoirs: list, points: int = 180) -> None:
    for index, res in enumerate(reservoirs):
        k = 0.03 + 0.01 * index
        values = (res.target_mm * (1 - math.exp(-k * t)) for t in range(points))
        with open(os.path.join(workdir, res.dump_name), "w", encoding="ascii") as fh:
            fh.write(" ".join(f"{v:.3f}" for v in values))


async def run_controller(workdir: str) -> list:
    reservoirs = [Reservoir("Great", 80.0), Reservoir("Swell", 95.0), Reservoir("Pedal", 110.0)]
    write_dumps(workdir, reservoirs)
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="fit") as pool:
        controller = WindController(workdir, pool, settle_s=0.003)
        rpm, *fitted = await asyncio.gather(
            controller.ramp_blower(1450),
            *(controller.sample(r) for r in reservoirs),
        )
        vented = await controller.purge(0.005)
        lines = [f"{r.name}: mean {r.mean:.1f} mm, a={r.fit[0]:.1f} k={r.fit[1]:.4f}" for r in fitted]
        lines.append(f"blower at {rpm} rpm, reservoir {vented}")
        await controller.journal(lines)
    return lines


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as workdir:
        lines = asyncio.run(run_controller(workdir))
        with open(os.path.join(workdir, "wind.journal"), encoding="utf-8") as fh:
            journal_lines = len(fh.readlines())
    for line in lines:
        print(line)
    print(f"journal lines: {journal_lines}; took {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
