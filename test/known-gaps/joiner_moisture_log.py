"""Timber moisture log and kiln planner for a joinery workshop.

An asyncio service polls pin-type moisture meters on boards in the drying shed
(the meter driver blocks, so sampling runs in an executor), writes a CSV log,
and asks a planner to simulate the kiln schedule that brings each stack down to
joinery-grade moisture content.
"""
from __future__ import annotations

import asyncio
import csv
import functools
import logging
import math
import os
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("joiner.moisture")

SHED = {
    "meters": 3,
    "probes_per_meter": 4,
    "probe_s": 0.003,
    "stabilise_s": 0.01,
    "kiln_hours": 10000,
    "target_mc": 10.0,
}


@dataclass
class Reading:
    meter: str
    board: str
    mc_pct: float
    temp_c: float


@dataclass
class MoistureMeter:
    name: str
    config: dict
    samples_taken: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def sample(self, boards: list[str]) -> list[Reading]:
        out = []
        for i, board in enumerate(boards[: self.config["probes_per_meter"]]):  # ok: GIL001
            time.sleep(self.config["probe_s"])  # ok: GIL004
            mc = 12.0 + (sum(map(ord, board)) % 9) * 0.7 + i * 0.1
            out.append(Reading(self.name, board, round(mc, 2), 18.0 + i))
        with self._lock:
            self.samples_taken += len(out)  # ok: GIL002
        return out


def emc(temp_c: float, rh: float) -> float:
    """Equilibrium moisture content (Hailwood-Horrobin, as used in kiln schedules)."""
    t = temp_c * 9 / 5 + 32
    w = 330 + 0.452 * t + 0.00415 * t * t
    k = 0.791 + 0.000463 * t - 0.000000844 * t * t
    k1 = 6.34 + 0.000775 * t - 0.0000935 * t * t
    k2 = 1.09 + 0.0284 * t - 0.0000904 * t * t
    h = rh / 100
    kh = k * h
    return 1800 / w * (kh / (1 - kh) + (k1 * kh + 2 * k1 * k2 * kh * kh) /
                       (1 + k1 * kh + k1 * k2 * kh * kh))


def plan_kiln(readings: list[Reading], hours: int, target: float) -> dict:
    """Simulate the schedule hour by hour until every board reaches the target."""
    mc = {r.board: r.mc_pct for r in readings}
    done_at: dict[str, int] = {}
    for hour in range(hours):  # expect: GIL001
        temp = 40.0 + min(25.0, hour * 0.01)
        rh = max(30.0, 80.0 - hour * 0.015)
        eq = emc(temp, rh)
        for board, value in mc.items():
            value += (eq - value) * 0.0025 * math.exp(-value / 60)
            mc[board] = value
            if value <= target and board not in done_at:  # ok: GIL003
                done_at[board] = hour
    return {"hours": max(done_at.values(), default=hours), "final": mc, "boards": len(mc)}


def write_log(path: str, readings: list[Reading]) -> int:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["meter", "board", "mc_pct", "temp_c"])
        for r in readings:
            writer.writerow([r.meter, r.board, r.mc_pct, r.temp_c])
    return len(readings)


class MoistureService:
    def __init__(self, config: dict, workdir: str):
        self.config = config
        self.workdir = workdir
        self.meters = [MoistureMeter(f"pin-{i}", config) for i in range(config["meters"])]
        self.executor = ThreadPoolExecutor(max_workers=config["meters"], thread_name_prefix="meter")

    async def stabilise(self) -> None:
        # the meters need a moment after the shed door closes
        time.sleep(self.config["stabilise_s"])  # expect: GIL004

    async def poll(self, stacks: dict[str, list[str]]) -> list[Reading]:
        loop = asyncio.get_running_loop()
        await self.stabilise()
        jobs = [
            loop.run_in_executor(self.executor, meter.sample, boards)
            for meter, boards in zip(self.meters, stacks.values())
        ]
        batches = await asyncio.gather(*jobs)
        return [r for batch in batches for r in batch]

    async def plan(self, readings: list[Reading]) -> dict:
        loop = asyncio.get_running_loop()
        call = functools.partial(plan_kiln, readings, hours=self.config["kiln_hours"],
                                 target=self.config["target_mc"])
        return await loop.run_in_executor(self.executor, call)

    async def run(self, stacks: dict[str, list[str]]) -> dict:
        readings = await self.poll(stacks)
        path = os.path.join(self.workdir, "moisture.csv")
        rows = await asyncio.to_thread(write_log, path, readings)
        plan = await self.plan(readings)
        self.executor.shutdown(wait=True)
        return {"rows": rows, "plan": plan, "log": path}


async def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    stacks = {
        "oak": ["oak-01", "oak-02", "oak-03", "oak-04"],
        "ash": ["ash-01", "ash-02", "ash-03"],
        "sapele": ["sap-01", "sap-02", "sap-03", "sap-04"],
    }
    with tempfile.TemporaryDirectory(prefix="shed-") as workdir:
        service = MoistureService(dict(SHED), workdir)
        t0 = time.perf_counter()
        report = await service.run(stacks)
        size = os.path.getsize(report["log"])
    plan = report["plan"]
    print(f"logged {report['rows']} readings ({size} bytes)")
    print(f"kiln plan: {plan['boards']} boards reach {SHED['target_mc']}% after {plan['hours']} h")
    print(f"samples per meter: {[m.samples_taken for m in service.meters]}")
    print(f"elapsed {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
