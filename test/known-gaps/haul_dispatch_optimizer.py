"""Haul-truck dispatch for an open pit: re-optimise truck/shovel assignments while trucks haul.

Jobs are registered by name in a JobRegistry together with their keyword arguments and
started later from the registry (one thread per job). Two optimiser jobs anneal the
truck-to-shovel assignment for the north and south pits; one job per truck simulates haul
cycles and reports each payload to a tonnage tally built by a closure factory.
"""
from __future__ import annotations

import functools
import logging
import math
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple

log = logging.getLogger("haul.dispatch")

DISPATCH_CONFIG = {
    "pits": {"north": 7, "south": 6},
    "shovels_per_pit": 3,
    "anneal_steps": 60_000,
    "cycles_per_truck": 6,
    "cycle_time_s": 0.003,
    "payload_t": (180.0, 240.0),
}

_scratch = threading.local()


def logged_job(fn):
    """Log start and end of a dispatch job, forwarding every keyword argument."""
    @functools.wraps(fn)
    def wrapper(**kwargs):
        log.debug("job %s starting with %s", fn.__name__, sorted(kwargs))
        result = fn(**kwargs)
        log.debug("job %s finished", fn.__name__)
        return result
    return wrapper


@dataclass
class Job:
    name: str
    fn: Callable[..., object]
    kwargs: dict
    result: object = None
    thread: Optional[threading.Thread] = None


class JobRegistry:
    def __init__(self) -> None:
        self._jobs: Dict[str, Job] = {}

    def register(self, name: str, fn: Callable[..., object], **kwargs) -> None:
        self._jobs[name] = Job(name, fn, kwargs)

    def _run_job(self, name: str) -> None:
        job = self._jobs[name]
        job.result = job.fn(**job.kwargs)

    def start_all(self) -> None:
        for name, job in self._jobs.items():
            job.thread = threading.Thread(target=self._run_job, args=(name,), name=name)
            job.thread.start()

    def join_all(self) -> Dict[str, object]:
        for job in self._jobs.values():
            job.thread.join()
        return {name: job.result for name, job in self._jobs.items()}


def make_tally():
    hauled = 0.0
    by_shovel: Dict[str, float] = {}
    guard = threading.Lock()

    def record(shovel: str, tonnes: float) -> None:
        nonlocal hauled
        hauled += tonnes  # expect: GIL002
        with guard:
            by_shovel[shovel] = by_shovel.get(shovel, 0.0) + tonnes  # ok: GIL002

    def summary() -> Tuple[float, Dict[str, float]]:
        return hauled, dict(by_shovel)

    return record, summary


def cost_matrix(n_trucks: int, n_shovels: int, seed: int) -> List[List[float]]:
    rng = random.Random(seed)
    return [[rng.uniform(2.0, 9.0) for _ in range(n_shovels)] for _ in range(n_trucks)]


def anneal_assignment(cost: List[List[float]], n_shovels: int, steps: int, seed: int) -> List[int]:
    rng = random.Random(seed)
    assign = [i % n_shovels for i in range(len(cost))]
    temperature = 5.0
    for step in range(steps):  # expect: GIL001
        i = rng.randrange(len(cost))
        new = rng.randrange(n_shovels)
        old = assign[i]
        if new == old:
            continue
        load = [0] * n_shovels
        for a in assign:
            load[a] += 1  # ok: GIL002
        delta = cost[i][new] - cost[i][old] + (load[new] + 1 - load[old]) * 0.4
        if delta < 0 or rng.random() < math.exp(-delta / temperature):
            assign[i] = new
        temperature = max(0.05, temperature * 0.9997)
    return assign


@logged_job
def optimize_pit(pit: str, n_trucks: int, n_shovels: int, steps: int) -> Dict[str, str]:
    cost = cost_matrix(n_trucks, n_shovels, seed=len(pit))
    assign = anneal_assignment(cost, n_shovels, steps, seed=n_trucks)
    return {f"{pit}-T{i}": f"{pit}-S{s}" for i, s in enumerate(assign)}


@logged_job
def truck_cycle(truck: str, shovel_of: Callable[[str], str], record: Callable[[str, float], None],
                cycles: int, cycle_time: float, payload: Tuple[float, float]) -> int:
    _scratch.cycles = 0
    rng = random.Random(truck)
    for _ in range(cycles):  # ok: GIL001
        time.sleep(cycle_time)  # load, haul, dump, return empty
        record(shovel_of(truck), rng.uniform(*payload))
        _scratch.cycles += 1  # ok: GIL002
    return _scratch.cycles


def initial_plan(config: dict) -> Dict[str, str]:
    plan = {}
    for pit, trucks in config["pits"].items():
        for i in range(trucks):
            plan[f"{pit}-T{i}"] = f"{pit}-S{i % config['shovels_per_pit']}"
    return plan


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    cfg = DISPATCH_CONFIG
    plan = initial_plan(cfg)
    record, summary = make_tally()
    registry = JobRegistry()
    for pit, trucks in cfg["pits"].items():
        registry.register(f"optimize-{pit}", optimize_pit, pit=pit, n_trucks=trucks,
                          n_shovels=cfg["shovels_per_pit"], steps=cfg["anneal_steps"])
    for truck in plan:
        registry.register(f"cycle-{truck}", truck_cycle, truck=truck, shovel_of=plan.get,
                          record=record, cycles=cfg["cycles_per_truck"],
                          cycle_time=cfg["cycle_time_s"], payload=cfg["payload_t"])
    started = time.perf_counter()
    registry.start_all()
    results = registry.join_all()
    hauled, by_shovel = summary()
    moved = sum(1 for name, new in results.items()
                if name.startswith("optimize-") for t, s in new.items() if plan[t] != s)
    cycles = sum(v for k, v in results.items() if k.startswith("cycle-"))
    print(f"cycles={cycles} hauled={hauled:.1f} t (by shovel {sum(by_shovel.values()):.1f} t)")
    print(f"reassigned trucks={moved} in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
