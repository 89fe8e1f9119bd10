"""Warehouse slotting optimiser: simulated annealing with parallel restarts.

Fast movers should sit in slots close to the pack station; heavy, bulky SKUs
belong at waist height.  The optimiser starts from a greedy plan computed on
the main thread and runs several annealing restarts with different seeds in
threads, posting improvements to a shared ResultBoard.
"""
from __future__ import annotations

import functools
import logging
import math
import random
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("slotting.anneal")


@dataclass(frozen=True)
class Sku:
    code: str
    picks_per_day: int
    weight_kg: float


@dataclass(frozen=True)
class Slot:
    label: str
    distance_m: float
    level: int  # 0 = floor, 1 = waist, 2 = shoulder, 3 = top


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            log.info("%s took %.1f ms", fn.__name__, (time.perf_counter() - started) * 1e3)
    return wrapper


def slot_cost(sku: Sku, slot: Slot) -> float:
    ergonomic = 0.0 if slot.level == 1 else abs(slot.level - 1) * sku.weight_kg * 0.8
    return sku.picks_per_day * slot.distance_m + ergonomic


def plan_cost(plan: list[int], skus: list[Sku], slots: list[Slot]) -> float:
    return sum(slot_cost(skus[i], slots[s]) for i, s in enumerate(plan))


def make_progress_reporter(total_steps: int):
    done = 0

    def report(n: int) -> int:
        nonlocal done
        done += n  # expect: GIL002
        return done

    report.percent = lambda: 100.0 * done / total_steps
    return report


class ResultBoard:
    def __init__(self, initial_plan: list[int], initial_cost: float):
        self.best_plan = list(initial_plan)
        self.best_cost = initial_cost
        self.restarts = 0
        self._lock = threading.Lock()

    def offer(self, plan: list[int], cost: float, seed: int) -> None:
        if cost < self.best_cost:  # expect: GIL003
            self.best_plan = list(plan)
            self.best_cost = cost
            log.debug("seed %d improved to %.1f", seed, cost)

    def record_restart(self) -> None:
        with self._lock:
            self.restarts += 1  # ok: GIL002


@timed
def anneal(skus, slots, start_plan, *, seed, steps, board, progress, temp0=400.0):
    rng = random.Random(seed)
    plan = list(start_plan)
    cost = plan_cost(plan, skus, slots)
    n = len(plan)
    for step in range(steps):  # expect: GIL001
        temp = temp0 * (1.0 - step / steps) + 1e-3
        i, j = rng.randrange(n), rng.randrange(n)
        a, b = skus[i], skus[j]
        delta = (slot_cost(a, slots[plan[j]]) + slot_cost(b, slots[plan[i]])
                 - slot_cost(a, slots[plan[i]]) - slot_cost(b, slots[plan[j]]))
        if delta < 0 or rng.random() < math.exp(-delta / temp):
            plan[i], plan[j] = plan[j], plan[i]
            cost += delta
        if step % 1000 == 999:
            progress(1000)
            board.offer(plan, cost, seed)
    board.record_restart()
    return cost


def greedy_plan(skus: list[Sku], slots: list[Slot]) -> list[int]:
    """Fastest movers to the closest waist-height slots; runs once on the main thread."""
    by_velocity = sorted(range(len(skus)), key=lambda i: -skus[i].picks_per_day)
    by_reach = sorted(range(len(slots)), key=lambda s: (slots[s].level != 1, slots[s].distance_m))
    plan = [0] * len(skus)
    for rank, sku_index in enumerate(by_velocity):  # ok: GIL001
        plan[sku_index] = by_reach[rank]
    return plan


def build_catalogue(n: int, seed: int = 3) -> tuple[list[Sku], list[Slot]]:
    rng = random.Random(seed)
    skus = [Sku(f"SKU{i:04d}", int(rng.paretovariate(1.2) * 5), round(rng.uniform(0.2, 25), 1))
            for i in range(n)]
    slots = [Slot(f"A{aisle:02d}-{bay:02d}-{lvl}", 4.0 + aisle * 3.5 + bay * 1.2, lvl)
             for aisle in range(10) for bay in range(n // 40 + 1) for lvl in range(4)][:n]
    return skus, slots


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    skus, slots = build_catalogue(400)
    start = greedy_plan(skus, slots)
    board = ResultBoard(start, plan_cost(start, skus, slots))
    initial = board.best_cost

    seeds = [11, 23, 37, 51]
    steps = 30_000
    progress = make_progress_reporter(total_steps=steps * len(seeds))
    restarts = [
        threading.Thread(
            target=functools.partial(anneal, skus, slots, start, seed=s, steps=steps,
                                     board=board, progress=progress),
            name=f"restart-{s}",
        )
        for s in seeds
    ]
    for t in restarts:
        t.start()
    for t in restarts:
        t.join()

    verified = plan_cost(board.best_plan, skus, slots)
    print(f"greedy cost = {initial:.1f}; best annealed = {board.best_cost:.1f} (recomputed {verified:.1f})")
    print(f"restarts = {board.restarts}, progress = {progress.percent():.1f}% of {steps * len(seeds)} steps")


if __name__ == "__main__":
    main()
