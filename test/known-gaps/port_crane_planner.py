"""Container terminal: quay-crane load sequencing.

Each quay crane gets a planner thread that orders the containers of its bay so
that boxes for early ports of call are not buried.  Only two planners may hold a
quay slot at a time; planned TEU are booked into shared quay statistics.
"""
from __future__ import annotations

import functools
import logging
import math
import random
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("port.planner")

CONFIG = {
    "quay_slots": 2,
    "bays": {"QC1": "anneal", "QC2": "anneal", "QC3": "greedy"},
    "containers_per_bay": 48,
    "anneal_steps": 12_000,
    "ports": ("SGSIN", "LKCMB", "AEJEA", "NLRTM"),
    "seed": 2024,
}


@dataclass(frozen=True)
class Container:
    box_id: str
    port_rank: int  # 0 = first port of call
    weight_t: float


@dataclass
class QuayStats:
    moves: int = 0
    cranes_active: int = 0
    teu_planned: int = 0
    finished: list = field(default_factory=list)


def counted(fn):
    """Book the number of crane moves a planning call produced."""

    @functools.wraps(fn)
    def wrapper(self, *args, **kwargs):
        moves = fn(self, *args, **kwargs)
        self.stats.moves += moves  # expect: GIL002
        return moves

    return wrapper


def rehandles(seq: list[Container]) -> int:
    """Boxes loaded (later in seq) on top of a box for an earlier port of call."""
    lowest = math.inf
    count = 0
    for box in seq:
        if box.port_rank > lowest:
            count += 1
        lowest = min(lowest, box.port_rank)
    return count


class PlannerBase(threading.Thread):
    def __init__(self, crane: str, bay: list[Container], stats: QuayStats,
                 quay_slots: threading.Semaphore, ledger_mutex: threading.Semaphore,
                 **kwargs):
        super().__init__(name=f"planner-{crane}", **kwargs)
        self.crane = crane
        self.bay = bay
        self.stats = stats
        self.quay_slots = quay_slots
        self.ledger_mutex = ledger_mutex
        self.sequence: list[Container] = []

    def optimise(self) -> list[Container]:
        raise NotImplementedError

    @counted
    def commit(self) -> int:
        return len(self.sequence) + rehandles(self.sequence)

    def run(self) -> None:
        with self.quay_slots:
            # a counting semaphore with two permits is not a mutex
            self.stats.cranes_active += 1  # expect: GIL002
            try:
                self.sequence = self.optimise()
            finally:
                self.stats.cranes_active -= 1  # expect: GIL002
        with self.ledger_mutex:
            self.stats.teu_planned += len(self.sequence)  # ok: GIL002
        self.commit()
        self.stats.finished.append(self.crane)


class AnnealingPlanner(PlannerBase):
    def __init__(self, *args, steps: int, seed: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = steps
        self.rng = random.Random(seed)

    def optimise(self) -> list[Container]:
        seq = list(self.bay)
        cost = rehandles(seq)
        temp = 2.0
        n = len(seq)
        for step in range(self.steps):  # expect: GIL001
            i, j = self.rng.randrange(n), self.rng.randrange(n)
            if i == j:
                continue
            seq[i], seq[j] = seq[j], seq[i]
            new_cost = rehandles(seq)
            if new_cost <= cost or self.rng.random() < math.exp((cost - new_cost) / temp):
                cost = new_cost
            else:
                seq[i], seq[j] = seq[j], seq[i]
            if step % 1000 == 0:
                temp = max(0.05, temp * 0.9)
        log.info("%s annealed: %d rehandles", self.crane, cost)
        return seq


class GreedyPlanner(PlannerBase):
    def optimise(self) -> list[Container]:
        by_port: dict[int, list[Container]] = {}
        for box in self.bay:  # ok: GIL001
            by_port.setdefault(box.port_rank, []).append(box)
        seq: list[Container] = []
        for rank in sorted(by_port, reverse=True):
            seq.extend(sorted(by_port[rank], key=lambda b: -b.weight_t))
        return seq


PLANNERS = {"anneal": AnnealingPlanner, "greedy": GreedyPlanner}


def make_bay(crane: str, cfg: dict) -> list[Container]:
    rng = random.Random(f"{cfg['seed']}-{crane}")
    return [
        Container(f"{crane}-{k:03d}", rng.randrange(len(cfg["ports"])), round(rng.uniform(4, 30), 1))
        for k in range(cfg["containers_per_bay"])
    ]


def build_planners(cfg: dict, stats: QuayStats) -> list[PlannerBase]:
    quay_slots = threading.BoundedSemaphore(cfg["quay_slots"])
    ledger_mutex = threading.Semaphore(1)
    planners = []
    for crane, kind in cfg["bays"].items():
        extra = {"steps": cfg["anneal_steps"], "seed": cfg["seed"]} if kind == "anneal" else {}
        planners.append(PLANNERS[kind](crane, make_bay(crane, cfg), stats,
                                       quay_slots, ledger_mutex, **extra))
    return planners


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    stats = QuayStats()
    planners = build_planners(CONFIG, stats)
    started = time.perf_counter()
    for p in planners:
        p.start()
    for p in planners:
        p.join()
    print(f"planned {stats.teu_planned} boxes, {stats.moves} crane moves, "
          f"active at end {stats.cranes_active}, order {stats.finished}")
    for p in planners:
        print(f"  {p.crane}: rehandles {rehandles(p.sequence)} -> first {p.sequence[0].box_id}")
    print(f"planning took {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
