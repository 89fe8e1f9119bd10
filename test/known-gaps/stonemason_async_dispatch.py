"""Async dispatcher for the CNC stone saws of a quarry cutting yard.

The dispatcher is an asyncio service: it computes moulding tool paths in a
thread pool, gets polishing estimates from a process pool, writes the job
manifest through asyncio.to_thread and spins the saw down between jobs.
"""
from __future__ import annotations

import asyncio
import functools
import json
import logging
import math
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
log = logging.getLogger("yard.dispatch")

DISPATCH = {
    "profiles": [
        {"name": "ogee", "length_mm": 1200, "resolution": 160_000},
        {"name": "bullnose", "length_mm": 900, "resolution": 140_000},
    ],
    "polish_passes": 350_000,
    "spin_down_s": 0.01,
}


@dataclass
class ToolPath:
    name: str
    points: int
    depth_mm: float
    travel_mm: float


def traced(fn: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        result = await fn(*args, **kwargs)
        log.info("%s finished in %.1f ms", fn.__name__, (time.perf_counter() - t0) * 1e3)
        return result
    return wrapper


def dress_profile(spec: Dict[str, Any], step_mm: float = 0.5) -> ToolPath:
    """Sample the moulding curve and sum the tool travel (pure Python)."""
    n = spec["resolution"]
    length = spec["length_mm"]
    travel = 0.0
    deepest = 0.0
    prev_x, prev_y = 0.0, 0.0
    for i in range(1, n + 1):  # expect: GIL001
        x = length * i / n
        y = 12.0 * math.sin(x / 40.0) + 3.0 * math.cos(x / 7.0)
        travel += math.hypot(x - prev_x, y - prev_y)
        deepest = max(deepest, abs(y))
        prev_x, prev_y = x, y
    return ToolPath(spec["name"], n, round(deepest, 3), round(travel + step_mm, 1))


def polish_estimate(passes: int) -> float:
    """Runs in a worker process."""
    wear = 0.0
    for p in range(passes):  # ok: GIL001
        wear += 1.0 / (1.0 + (p % 97))
    return wear


def write_manifest(path: Path, rows: List[Dict[str, Any]]) -> int:
    """Runs in a worker thread through asyncio.to_thread."""
    time.sleep(0.005)  # ok: GIL004
    path.write_text(json.dumps(rows, indent=1))
    return len(rows)


class Dispatcher:
    def __init__(self, config: Dict[str, Any], manifest: Path):
        self.config = config
        self.manifest = manifest
        self.threads = ThreadPoolExecutor(max_workers=2, thread_name_prefix="toolpath")
        self.procs = ProcessPoolExecutor(max_workers=1)

    async def spin_down_saw(self) -> None:
        log.info("spinning the blade down")
        time.sleep(self.config["spin_down_s"])  # expect: GIL004

    @traced
    async def plan_paths(self) -> List[ToolPath]:
        loop = asyncio.get_running_loop()
        jobs = [loop.run_in_executor(self.threads, functools.partial(dress_profile, spec))
                for spec in self.config["profiles"]]
        return list(await asyncio.gather(*jobs))

    @traced
    async def estimate_polish(self) -> float:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.procs, polish_estimate,
                                          self.config["polish_passes"])

    async def run(self) -> Dict[str, Any]:
        try:
            paths, wear = await asyncio.gather(self.plan_paths(), self.estimate_polish())
            await self.spin_down_saw()
            rows = [asdict(p) for p in paths]
            written = await asyncio.to_thread(write_manifest, self.manifest, rows)
            await asyncio.sleep(0.001)
            return {"paths": paths, "wear": wear, "written": written}
        finally:
            self.threads.shutdown(wait=True)
            self.procs.shutdown(wait=True)


def main() -> None:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        manifest = Path(tmp) / "manifest.json"
        result = asyncio.run(Dispatcher(DISPATCH, manifest).run())
        reloaded = json.loads(manifest.read_text())
    for path in result["paths"]:
        print(f"{path.name:9s} points={path.points} depth={path.depth_mm} travel={path.travel_mm}")
    print(f"polish wear index {result['wear']:.1f}; manifest rows {len(reloaded)}")
    print(f"dispatch done in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
