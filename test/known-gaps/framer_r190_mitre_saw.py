"""Framer: plan mitre-saw cuts from moulding sticks for a day's framing orders.

Orders go through a generator pipeline (order -> four mitred sides -> per-profile
groups); each profile's sides are packed into 2.4 m sticks by a subset-sum search in
a thread pool. Long offcuts go to a shared bin that any profile may reuse.
"""
from __future__ import annotations

import logging
import random
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Dict, Iterable, Iterator, List, Optional, Tuple

log = logging.getLogger("framer.saw")

SHOP = {
    "stock_mm": 2400,
    "mitre_allowance_mm": 12,
    "min_offcut_mm": 700,
    "orders": 54,
    "profiles": ("gilt-cassetta", "oak-flat", "black-box"),
    "seed": 1901,
}


@dataclass(frozen=True)
class FrameOrder:
    ref: str
    profile: str
    width_mm: int
    height_mm: int


@dataclass
class StickPlan:
    profile: str
    stick_mm: int
    pieces: List[int] = field(default_factory=list)

    @property
    def waste(self) -> int:
        return self.stick_mm - sum(self.pieces)


class OffcutBin:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.offcuts: List[int] = []

    def put(self, length: int) -> None:
        with self._lock:
            self.offcuts.append(length)

    def take(self) -> Optional[int]:
        with self._lock:
            if self.offcuts:  # ok: GIL003
                return self.offcuts.pop()
        return None


class SawStats:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.sticks = 0
        self.metres_cut = 0.0

    def record(self, plan: StickPlan) -> None:
        with self._lock:
            self.sticks += 1  # ok: GIL002
        self.metres_cut += sum(plan.pieces) / 1000.0  # expect: GIL002


def orders(count: int, seed: int) -> Iterator[FrameOrder]:
    rng = random.Random(seed)
    profiles = SHOP["profiles"]
    for n in range(count):
        yield FrameOrder(f"F{n:03d}", profiles[n % len(profiles)],
                         rng.randrange(180, 820, 5), rng.randrange(180, 820, 5))


def mitred_sides(stream: Iterable[FrameOrder], allowance: int) -> Iterator[Tuple[str, int]]:
    for order in stream:
        for side in (order.width_mm, order.height_mm, order.width_mm, order.height_mm):
            yield order.profile, side + 2 * allowance


def group_by_profile(sides: Iterable[Tuple[str, int]]) -> Dict[str, List[int]]:
    groups: Dict[str, List[int]] = defaultdict(list)
    for profile, length in sides:
        groups[profile].append(length)
    return dict(groups)


class MitreSaw:
    def __init__(self, bin_: OffcutBin, stats: SawStats, **shop) -> None:
        self.bin = bin_
        self.stats = stats
        self.stock_mm = shop.get("stock_mm", 2400)
        self.min_offcut = shop.get("min_offcut_mm", 500)

    def cut_group(self, job: Tuple[str, List[int]]) -> List[StickPlan]:
        profile, lengths = job
        remaining = sorted(lengths, reverse=True)
        plans: List[StickPlan] = []
        while remaining:  # expect: GIL001
            capacity = self.bin.take() or self.stock_mm
            if capacity < remaining[-1]:
                capacity = self.stock_mm
            first = [-1] * (capacity + 1)
            first[0] = len(remaining)
            for idx, length in enumerate(remaining):
                for cap in range(capacity, length - 1, -1):
                    if first[cap] < 0 and first[cap - length] >= 0 and first[cap - length] != idx:
                        first[cap] = idx
            best = max(c for c in range(capacity + 1) if first[c] >= 0)
            plan = StickPlan(profile, capacity)
            cap = best
            while cap > 0:
                idx = first[cap]
                plan.pieces.append(remaining[idx])
                cap -= remaining[idx]
            for piece in plan.pieces:
                remaining.remove(piece)
            if plan.waste >= self.min_offcut:
                self.bin.put(plan.waste)
            self.stats.record(plan)
            plans.append(plan)
        return plans


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    groups = group_by_profile(mitred_sides(orders(SHOP["orders"], SHOP["seed"]),
                                           SHOP["mitre_allowance_mm"]))
    expected_m = sum(sum(v) for v in groups.values()) / 1000.0
    saw = MitreSaw(OffcutBin(), SawStats(), **SHOP)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(groups), thread_name_prefix="saw") as pool:
        results = list(pool.map(saw.cut_group, sorted(groups.items())))
    elapsed = time.perf_counter() - start
    for plans in results:
        waste = sum(p.waste for p in plans)
        print(f"{plans[0].profile:14s} sticks={len(plans):2d} waste={waste} mm")
    print(f"metres cut = {saw.stats.metres_cut:.3f} (expected {expected_m:.3f})")
    print(f"sticks = {saw.stats.sticks}, offcuts left = {len(saw.bin.offcuts)}")
    print(f"elapsed {elapsed:.2f}s")


if __name__ == "__main__":
    main()
