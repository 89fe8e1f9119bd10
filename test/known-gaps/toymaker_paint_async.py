"""Toymaker's paint shop, driven by asyncio.

Every toy is a task: it waits for a free paint booth, gets its coats from a
brush object, is cured in a worker thread and finally the whole batch is fired
in the enamel kiln (a temperature simulation, also pushed to a thread).  The
shop settings are a nested config dict forwarded as keyword arguments.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import os
import tempfile
import time
from dataclasses import dataclass, field

log = logging.getLogger("toys.paint")

PAINT_SHOP = {
    "booths": 2,
    "toys": ["horse", "drum", "boat", "clown", "train", "owl"],
    "colours": ["vermilion", "ultramarine", "ochre"],
    "coat": {"seconds": 0.004},
    "cure_s": 0.012,
    "kiln": {"minutes": 60_000, "ramp": 1.5, "hold_c": 180.0},
}


def logged(coro_fn):
    """Log entry and exit of a coroutine, keeping its name and docstring."""
    @functools.wraps(coro_fn)
    async def wrapper(*args, **kwargs):
        started = time.perf_counter()
        log.debug("-> %s", coro_fn.__qualname__)
        try:
            return await coro_fn(*args, **kwargs)
        finally:
            log.debug("<- %s %.1f ms", coro_fn.__qualname__,
                      (time.perf_counter() - started) * 1000)
    return wrapper


@dataclass
class PaintJob:
    toy: str
    colour: str
    coats_done: int = 0
    notes: list[str] = field(default_factory=list)


def wait_for_tack(seconds: float) -> None:
    """The coat must be tacky before the next stroke."""
    time.sleep(seconds)  # expect: GIL004


class Brush:
    def __init__(self, width_mm: int) -> None:
        self.width_mm = width_mm

    def stroke(self, job: PaintJob, **coat_opts) -> None:
        job.notes.append(f"{self.width_mm}mm {job.colour}")
        wait_for_tack(**coat_opts)


class FineBrush(Brush):
    def stroke(self, job: PaintJob, **coat_opts) -> None:
        job.notes.append("detail pass")
        super().stroke(job, **coat_opts)


class PaintBooth:
    def __init__(self, booths: asyncio.Semaphore, brush: Brush) -> None:
        self.booths = booths
        self.brush = brush

    @logged
    async def apply_coat(self, job: PaintJob, **coat_opts) -> None:
        async with self.booths:
            await asyncio.sleep(0.001)  # ok: GIL004
            self.brush.stroke(job, **coat_opts)
            job.coats_done += 1  # ok: GIL002


def cure(toy: str, seconds: float) -> list[str]:
    stages = []
    for stage in ("skin", "set", "hard"):  # ok: GIL001
        time.sleep(seconds / 3)  # ok: GIL004
        stages.append(f"{toy} cured:{stage}")
    return stages


def kiln_fire(toys: list[str], *, minutes: int, ramp: float, hold_c: float) -> dict[str, float]:
    temps = {toy: 20.0 for toy in toys}
    mass = {toy: 1.0 + len(toy) / 10 for toy in toys}
    for minute in range(minutes):  # expect: GIL001
        target = min(hold_c, 20.0 + ramp * minute)
        for toy in toys:
            t = temps[toy]
            temps[toy] = t + (target - t) * 0.08 / mass[toy]
    return temps


def write_batch_card(path: str, rows: list[tuple[str, str, int]], temps: dict[str, float]) -> int:
    with open(path, "w", encoding="utf-8") as fh:
        for toy, colour, coats in rows:
            fh.write(f"{toy},{colour},{coats},{temps[toy]:.1f}\n")
    return os.path.getsize(path)


@logged
async def finish_toy(booth: PaintBooth, job: PaintJob, shop: dict) -> PaintJob:
    coats = 2 if job.toy in ("drum", "train") else 1
    for _ in range(coats):
        await booth.apply_coat(job, **shop["coat"])
    job.notes.extend(await asyncio.to_thread(cure, job.toy, shop["cure_s"]))
    return job


async def run_shop(shop: dict, out_dir: str) -> tuple[list[PaintJob], dict[str, float], int]:
    booths = asyncio.Semaphore(shop["booths"])
    plain, fine = PaintBooth(booths, Brush(12)), PaintBooth(booths, FineBrush(3))
    jobs = [PaintJob(toy, shop["colours"][i % len(shop["colours"])])
            for i, toy in enumerate(shop["toys"])]
    finished = await asyncio.gather(*(finish_toy(fine if i % 2 else plain, job, shop)
                                      for i, job in enumerate(jobs)))
    temps = await asyncio.to_thread(kiln_fire, [j.toy for j in finished], **shop["kiln"])
    rows = [(job.toy, job.colour, job.coats_done) for job in finished]
    loop = asyncio.get_running_loop()
    size = await loop.run_in_executor(None, write_batch_card,
                                      os.path.join(out_dir, "batch.csv"), rows, temps)
    return finished, temps, size


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        jobs, temps, size = asyncio.run(run_shop(PAINT_SHOP, tmp))
    for job in jobs:
        print(f"{job.toy:6s} {job.colour:12s} coats={job.coats_done} "
              f"kiln={temps[job.toy]:.1f}C notes={len(job.notes)}")
    print(f"batch card {size} bytes, {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
