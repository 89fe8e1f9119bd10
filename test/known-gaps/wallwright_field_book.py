"""Levelling along boundary walls: reducing the field book, on asyncio.

The office coroutine reads the bench-mark list (a local file served through a file:// URL),
reduces each wall's staff readings by the rise-and-fall method in a worker thread
(asyncio.to_thread) and archives the reduced sheets through a small thread pool.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import pathlib
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Iterator
from urllib.request import urlopen

log = logging.getLogger("wallwright.levels")

SURVEY_CFG: dict = {
    "walls": {"deer park": 90_000, "glebe": 70_000, "mill race": 80_000},
    "archive_pause_s": 0.01,
}


def staff_readings(wall: str, count: int) -> Iterator[float]:
    """Generator: backsight/foresight staff readings (m) along one wall."""
    seed = sum(map(ord, wall))
    x = seed
    for _ in range(count):
        x = (x * 1664525 + 1013904223) % 4_294_967_296
        yield 1.2 + (x % 2000) / 1000.0


def reduce_levels(wall: str, count: int, datum: float) -> dict:
    """Rise-and-fall reduction with the arithmetic check (runs in a worker thread)."""
    rises = falls = 0.0
    level = datum
    lowest = highest = datum
    prev = None
    for reading in staff_readings(wall, count):  # expect: GIL001
        if prev is not None:
            diff = prev - reading
            if diff >= 0:
                rises += diff
            else:
                falls -= diff
            level += diff
            lowest = min(lowest, level)
            highest = max(highest, level)
        prev = reading
    return {"wall": wall, "rise": rises, "fall": falls, "last": level,
            "range": highest - lowest, "check": abs((rises - falls) - (level - datum)) < 1e-6}


def archive_sheet(folder: str, sheet: dict, pause_s: float) -> str:
    """Write the reduced sheet to the archive; the pause stands in for a slow network drive."""
    time.sleep(pause_s)  # ok: GIL004
    path = os.path.join(folder, sheet["wall"].replace(" ", "_") + ".json")
    with open(path, "w") as fh:
        json.dump(sheet, fh)
    return path


@dataclass
class LevellingOffice:
    cfg: dict
    folder: str
    archive_pool: ThreadPoolExecutor
    benchmarks: dict[str, float] = field(default_factory=dict)
    sheets: list[dict] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    reduced: int = 0

    async def fetch_benchmarks(self, url: str) -> None:
        with urlopen(url) as resp:  # expect: GIL004
            self.benchmarks = json.loads(resp.read().decode())
        await asyncio.sleep(0)

    async def reduce_wall(self, wall: str, count: int) -> dict:
        datum = self.benchmarks.get(wall, self.cfg["datum"])
        sheet = await asyncio.to_thread(reduce_levels, wall, count, datum)
        self.reduced += 1  # ok: GIL002
        return sheet

    async def archive(self, sheet: dict) -> None:
        loop = asyncio.get_running_loop()
        path = await loop.run_in_executor(self.archive_pool, archive_sheet, self.folder, sheet,
                                          self.cfg["archive_pause_s"])
        self.archived.append(os.path.basename(path))

    async def run(self, url: str) -> None:
        await self.fetch_benchmarks(url)
        jobs = [self.reduce_wall(w, n) for w, n in self.cfg["walls"].items()]
        for sheet in await asyncio.gather(*jobs):
            self.sheets.append(sheet)
        await asyncio.gather(*(self.archive(s) for s in self.sheets))


def write_benchmarks(folder: str) -> str:
    path = pathlib.Path(folder) / "benchmarks.json"
    path.write_text(json.dumps({"deer park": 112.40, "glebe": 98.75}))
    return path.as_uri()


def prepare_config(cfg: dict) -> dict:
    """Fill in defaults; runs in the main thread before the event loop or any worker starts."""
    if "datum" not in cfg:  # ok: GIL003
        cfg["datum"] = 100.0
    return cfg


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    cfg = prepare_config(SURVEY_CFG)
    with tempfile.TemporaryDirectory(prefix="levels-") as folder:
        url = write_benchmarks(folder)
        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="archive") as pool:
            office = LevellingOffice(cfg, folder, pool)
            asyncio.run(office.run(url))
        wall = time.perf_counter() - t0
        print(f"benchmarks = {office.benchmarks}")
        for s in office.sheets:
            print(f"  {s['wall']:>9}: rise {s['rise']:.2f} fall {s['fall']:.2f} "
                  f"last {s['last']:.2f} check {'ok' if s['check'] else 'FAILED'}")
        print(f"reduced = {office.reduced}, archived = {sorted(office.archived)}")
        print(f"wall = {wall * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
