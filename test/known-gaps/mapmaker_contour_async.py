"""Contour service: an asyncio job runner fetches DEM tiles from the archive,
extracts contour segments in worker processes and computes hillshade in threads."""
from __future__ import annotations

import asyncio
import logging
import math
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("mapmaker.contours")

SERVICE_CONFIG = {"grid": 200, "levels": (200.0, 400.0, 600.0, 800.0), "azimuth": 315.0,
                  "altitude": 45.0, "archive_latency": 0.008, "processes": 2, "threads": 2}

Grid = list[list[float]]


@dataclass(frozen=True)
class TileRef:
    z: int
    x: int
    y: int


@dataclass
class TileResult:
    ref: TileRef
    segments: int = 0
    shade_mean: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)


def synth_dem(ref: TileRef, n: int) -> Grid:
    ox, oy = ref.x * n, ref.y * n
    return [[600 + 400 * math.sin((ox + c) / 23.0) * math.cos((oy + r) / 31.0) for c in range(n)]
            for r in range(n)]


class DemArchive:
    """Vendor DEM archive. Its SDK lookup call is synchronous."""

    def __init__(self, size: int, latency: float) -> None:
        self.size = size
        self.latency = latency
        self._warm: set[TileRef] = set()

    async def fetch(self, ref: TileRef) -> Grid:
        if ref in self._warm:  # ok: GIL003
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, time.sleep, self.latency)  # ok: GIL004
        else:
            time.sleep(self.latency)  # expect: GIL004
            self._warm.add(ref)
        return synth_dem(ref, self.size)


def contour_segments(grid: Grid, levels: tuple[float, ...]) -> int:
    """Marching squares: count cell edges crossed by each level (runs in a worker process)."""
    segments = 0
    rows, cols = len(grid), len(grid[0])
    for r in range(rows - 1):  # ok: GIL001
        top, bottom = grid[r], grid[r + 1]
        for c in range(cols - 1):
            a, b, d, e = top[c], top[c + 1], bottom[c], bottom[c + 1]
            for level in levels:
                mask = (a > level) | (b > level) << 1 | (e > level) << 2 | (d > level) << 3
                if mask not in (0, 15):
                    segments += 2 if mask in (5, 10) else 1
    return segments


def hillshade(grid: Grid, azimuth: float, altitude: float) -> float:
    """Mean hillshade of the tile (runs in a thread of the shared pool)."""
    az = math.radians(360.0 - azimuth + 90.0)
    zen = math.radians(90.0 - altitude)
    total = 0.0
    rows, cols = len(grid), len(grid[0])
    for r in range(1, rows - 1):  # expect: GIL001
        for c in range(1, cols - 1):
            dzdx = (grid[r][c + 1] - grid[r][c - 1]) / 60.0
            dzdy = (grid[r + 1][c] - grid[r - 1][c]) / 60.0
            slope = math.atan(math.hypot(dzdx, dzdy))
            aspect = math.atan2(dzdy, -dzdx)
            total += max(0.0, math.cos(zen) * math.cos(slope)
                         + math.sin(zen) * math.sin(slope) * math.cos(az - aspect))
    return total / ((rows - 2) * (cols - 2))


class ContourService:
    def __init__(self, archive: DemArchive, **cfg) -> None:
        self.archive = archive
        self.cfg = cfg
        self.procs = ProcessPoolExecutor(max_workers=cfg["processes"])
        self.threads = ThreadPoolExecutor(max_workers=cfg["threads"], thread_name_prefix="shade")
        self.completed = 0

    async def process(self, ref: TileRef) -> TileResult:
        loop = asyncio.get_running_loop()
        result = TileResult(ref)
        t0 = time.perf_counter()
        grid = await self.archive.fetch(ref)
        result.timings["fetch"] = time.perf_counter() - t0
        seg_fut = loop.run_in_executor(self.procs, contour_segments, grid, self.cfg["levels"])
        shade_fut = loop.run_in_executor(self.threads, hillshade, grid,
                                         self.cfg["azimuth"], self.cfg["altitude"])
        result.segments, result.shade_mean = await asyncio.gather(seg_fut, shade_fut)
        result.timings["total"] = time.perf_counter() - t0
        self.completed += 1  # ok: GIL002
        return result

    def close(self) -> None:
        self.threads.shutdown()
        self.procs.shutdown()


async def serve(refs: list[TileRef]) -> tuple[list[TileResult], int]:
    cfg = dict(SERVICE_CONFIG)
    archive = DemArchive(cfg.pop("grid"), cfg.pop("archive_latency"))
    service = ContourService(archive, **cfg)
    try:
        first = await asyncio.gather(*(service.process(r) for r in refs))
        again = await service.process(refs[0])  # warm tile, fetched off the loop
        return [*first, again], service.completed
    finally:
        service.close()


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    refs = [TileRef(3, x, y) for x in range(2) for y in range(2)]
    start = time.perf_counter()
    results, completed = asyncio.run(serve(refs))
    wall = time.perf_counter() - start
    for res in results:
        print(f"tile {res.ref.z}/{res.ref.x}/{res.ref.y}: {res.segments} segments, "
              f"shade {res.shade_mean:.3f}")
    print(f"completed = {completed} (expected {len(refs) + 1})")
    print(f"wall {wall:.3f}s")


if __name__ == "__main__":
    main()
