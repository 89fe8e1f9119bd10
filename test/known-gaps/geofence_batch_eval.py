"""Geofence alerting: batch evaluation of GPS pings against polygon fences.

The nightly back-fill replays the day's pings from the fleet and works out which
fence each ping fell in. Chunks of pings are spread over a thread pool with
``executor.map``; each worker returns its own tally, merged by the caller.
"""
from __future__ import annotations

import functools
import logging
import math
import random
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterator, List, Sequence, Tuple

log = logging.getLogger("geofence.batch")

Point = Tuple[float, float]


@dataclass
class Fence:
    fence_id: str
    vertices: List[Point]
    hit_count: int = 0
    bbox: Tuple[float, float, float, float] = field(init=False)

    def __post_init__(self) -> None:
        xs = [v[0] for v in self.vertices]
        ys = [v[1] for v in self.vertices]
        self.bbox = (min(xs), min(ys), max(xs), max(ys))

    def in_bbox(self, p: Point) -> bool:
        x0, y0, x1, y1 = self.bbox
        return x0 <= p[0] <= x1 and y0 <= p[1] <= y1


def timed(label: str) -> Callable:
    def deco(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            result = fn(*args, **kwargs)
            log.debug("%s: %.1f ms", label, (time.perf_counter() - t0) * 1e3)
            return result
        return wrapper
    return deco


def point_in_polygon(p: Point, poly: Sequence[Point]) -> bool:
    """Ray casting; the vertices are few, the pings are many."""
    x, y = p
    inside = False
    j = len(poly) - 1
    for i in range(len(poly)):
        xi, yi = poly[i]
        xj, yj = poly[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def make_fence(fence_id: str, cx: float, cy: float, r: float, sides: int) -> Fence:
    verts = [(cx + r * math.cos(2 * math.pi * k / sides), cy + r * math.sin(2 * math.pi * k / sides))
             for k in range(sides)]
    return Fence(fence_id, verts)


class FenceIndex:
    def __init__(self, fences: List[Fence]) -> None:
        self.fences = fences

    def locate(self, p: Point) -> List[Fence]:
        return [f for f in self.fences if f.in_bbox(p) and point_in_polygon(p, f.vertices)]


@timed("evaluate_chunk")
def evaluate_chunk(index: FenceIndex, chunk: List[Point]) -> Counter:
    tally: Counter = Counter()
    for ping in chunk:  # expect: GIL001
        for fence in index.locate(ping):
            tally[fence.fence_id] += 1  # ok: GIL002
            fence.hit_count += 1  # expect: GIL002
    return tally


def ping_source(n: int, seed: int) -> Iterator[Point]:
    rng = random.Random(seed)
    for _ in range(n):
        yield (rng.uniform(0, 100), rng.uniform(0, 100))


def chunked(points: List[Point], size: int) -> Iterator[List[Point]]:
    for i in range(0, len(points), size):
        yield points[i:i + size]


def build_fences(count: int, seed: int = 3) -> List[Fence]:
    rng = random.Random(seed)
    fences = []
    for k in range(count):  # ok: GIL001
        fences.append(make_fence(f"F{k:02d}", rng.uniform(10, 90), rng.uniform(10, 90),
                                 rng.uniform(8, 20), sides=rng.randint(12, 24)))
    return fences


def backfill(pings: List[Point], index: FenceIndex, *, workers: int = 4, chunk_size: int = 15_000) -> Dict[str, int]:
    totals: Counter = Counter()
    evaluator = functools.partial(evaluate_chunk, index)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fence-eval") as pool:
        for tally in pool.map(evaluator, chunked(pings, chunk_size)):
            for fid, n in tally.items():
                totals[fid] += n  # ok: GIL002
    return dict(totals)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    fences = build_fences(12)
    index = FenceIndex(fences)
    pings = list(ping_source(60_000, seed=11))
    t0 = time.perf_counter()
    totals = backfill(pings, index)
    elapsed = time.perf_counter() - t0
    merged = sum(totals.values())
    counted = sum(f.hit_count for f in fences)
    print(f"fence hits: merged={merged} per-fence counters={counted} ({elapsed * 1e3:.0f} ms)")
    for fid in sorted(totals)[:5]:
        print(f"  {fid}: {totals[fid]}")


if __name__ == "__main__":
    main()
