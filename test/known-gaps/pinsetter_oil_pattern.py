"""Lane-conditioning (oil pattern) planner for the pinsetter/conditioner machines.

For every pattern the planner integrates the oil volume over each board and foot of
the lane, publishes the result on a ReadyBoard for the conditioner machines and lets
one lane claim each pattern for the first block of games. The raw per-pass load files
are compressed for the machine archive on the same pool.
"""
from __future__ import annotations

import logging
import math
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Set, Tuple

logging.basicConfig(level=logging.INFO, format="%(threadName)-14s %(message)s")
log = logging.getLogger("pinsetter.oil")

BOARDS = 39
STEPS_PER_FT = 48  # quarter-inch resolution
LANE_STEPS = 60 * STEPS_PER_FT


@dataclass(frozen=True)
class OilPattern:
    name: str
    length_ft: float
    volume_ml: float
    taper: float = 0.35
    loads: Tuple[int, ...] = (2, 2, 4, 4)

    def ratio(self, board: int) -> float:
        middle = abs(board - (BOARDS - 1) / 2) / ((BOARDS - 1) / 2)
        return 1.0 - self.taper * middle * middle


@dataclass
class PlanResult:
    pattern: str
    total: float
    profile: List[float] = field(default_factory=list)


class ReadyBoard:
    """Published plans; conditioner machines wait on the condition for new ones."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.ready: Dict[str, PlanResult] = {}
        self.claimed: Set[str] = set()
        self.assignments: Dict[str, int] = {}

    def publish(self, plan: PlanResult) -> None:
        with self._cond:
            if plan.pattern not in self.ready:  # ok: GIL003
                self.ready[plan.pattern] = plan
            self._cond.notify_all()

    def claim_for_lane(self, pattern: str, lane: int) -> bool:
        if pattern not in self.claimed:  # expect: GIL003
            self.claimed.add(pattern)
            self.assignments[pattern] = lane
            return True
        return False

    def wait_for(self, names: List[str], timeout: float) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: all(n in self.ready for n in names), timeout)


def make_volume_fn(pattern: OilPattern) -> Callable[[int, int], float]:
    length = pattern.length_ft * STEPS_PER_FT
    per_load = pattern.volume_ml / sum(pattern.loads)

    def volume(board: int, step: int) -> float:
        if step >= length:
            return 0.0
        fade = math.exp(-step / length) * pattern.ratio(board)
        return per_load * fade * pattern.loads[board % len(pattern.loads)] / BOARDS

    return volume


def plan_pattern(pattern: OilPattern, board: ReadyBoard, lane: int) -> PlanResult:
    volume = make_volume_fn(pattern)
    total = sum(volume(b, t) for b in range(BOARDS) for t in range(LANE_STEPS))  # expect: GIL001
    profile = [round(volume(b, 0), 4) for b in range(BOARDS)]
    plan = PlanResult(pattern.name, total, profile)
    board.publish(plan)
    if board.claim_for_lane(pattern.name, lane):
        log.info("lane %d takes %s (%.1f ml)", lane, pattern.name, total)
    return plan


def archive_loads(blobs: Dict[str, bytes], level: int = 6) -> Dict[str, int]:
    sizes = {}
    for name, blob in blobs.items():  # ok: GIL001
        sizes[name] = len(zlib.compress(blob, level))
    return sizes


def synth_load_file(pattern: OilPattern, size: int = 1 << 20) -> bytes:
    seed = f"{pattern.name}:{pattern.length_ft}:{pattern.volume_ml};".encode()
    return (seed * (size // len(seed) + 1))[:size]


def main(patterns: Optional[List[OilPattern]] = None) -> None:
    patterns = patterns or [
        OilPattern("house-shot", 40, 24.0, taper=0.6),
        OilPattern("cheetah", 33, 20.5),
        OilPattern("shark", 48, 27.5, loads=(3, 3, 3, 3)),
    ]
    board = ReadyBoard()
    blobs = {p.name: synth_load_file(p) for p in patterns}
    lanes = [1, 1, 2]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="planner") as pool:
        archive = pool.submit(archive_loads, blobs, level=6)
        plans = list(pool.map(plan_pattern, patterns, [board] * len(patterns), lanes))
        all_ready = board.wait_for([p.name for p in patterns], timeout=2.0)
        sizes = archive.result()
    elapsed = time.perf_counter() - started
    for plan in plans:
        print(f"{plan.pattern:11s} total={plan.total:8.2f} edge={plan.profile[0]} "
              f"archive={sizes[plan.pattern]} bytes")
    print(f"ready={all_ready} assignments={dict(sorted(board.assignments.items()))} "
          f"in {elapsed:.2f}s")


if __name__ == "__main__":
    main()
