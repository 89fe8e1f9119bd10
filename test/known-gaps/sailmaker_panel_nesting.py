"""Panel nesting for a sail loft.

Before sailcloth is cut, the panels of each sail are nested along the bolt so as little
cloth as possible is wasted.  Each sail's nesting search is submitted to a thread pool;
when a search finishes, a done-callback counts the cut against the cloth it used so the
store knows which bolts to re-order.
"""
from __future__ import annotations

import functools
import logging
import random
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("sailmaker.nesting")

LOFT = {"layouts_per_sail": 10_000, "workers": 3, "bolt_width_cm": 137.0}

cut_counts: dict[str, int] = {}       # cloth -> sails cut from it today


@dataclass(frozen=True)
class Panel:
    name: str
    width: float
    length: float


@dataclass
class SailJob:
    sail: str
    cloth: str
    panels: list[Panel] = field(default_factory=list)
    seed: int = 0

    @property
    def area(self) -> float:
        return sum(p.width * p.length for p in self.panels) / 10_000


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        result = fn(*args, **kwargs)
        log.info("%s: %.1f ms", fn.__name__, (time.perf_counter() - t0) * 1000)
        return result
    return wrapper


def candidate_layouts(panels: list[Panel], count: int, seed: int):
    """Generate shuffled orders of the panels (some rotated) to lay along the bolt."""
    rng = random.Random(seed)
    for _ in range(count):
        order = panels[:]
        rng.shuffle(order)
        yield [(p.length, p.width) if rng.random() < 0.3 else (p.width, p.length) for p in order]


def waste(layout, bolt_width: float) -> float:
    """Shelf packing across the bolt: cloth length used minus panel area."""
    used_length = shelf_height = shelf_fill = area = 0.0
    for w, l in layout:
        area += w * l
        if w > bolt_width:
            return float("inf")
        if shelf_fill + w > bolt_width:
            used_length += shelf_height
            shelf_fill = shelf_height = 0.0
        shelf_fill += w
        shelf_height = max(shelf_height, l)
    return (used_length + shelf_height) * bolt_width - area


@timed
def nest_panels(job: SailJob, bolt_width: float, layouts: int) -> tuple[SailJob, float]:
    best = min(waste(lay, bolt_width) for lay in candidate_layouts(job.panels, layouts, job.seed))  # expect: GIL001
    return job, best / 10_000


def record_cut(fut: Future) -> None:
    job, _ = fut.result()
    cut_counts[job.cloth] = cut_counts.get(job.cloth, 0) + 1  # expect: GIL002


def make_jobs() -> list[SailJob]:
    rng = random.Random(42)
    specs = [("mainsail", "Dacron 7oz"), ("genoa", "Dacron 6oz"), ("mizzen", "Dacron 7oz"),
             ("staysail", "Dacron 6oz"), ("storm jib", "Dacron 9oz"), ("jib", "Dacron 6oz")]
    jobs = []
    for n, (sail, cloth) in enumerate(specs):
        panels = [Panel(f"{sail}-{i}", rng.uniform(30, 90), rng.uniform(60, 300)) for i in range(10)]
        jobs.append(SailJob(sail, cloth, panels, seed=n))
    return jobs


def summarise(results: list[tuple[SailJob, float]]) -> dict:
    summary: dict[str, list] = {}
    for job, waste_m2 in results:
        if job.cloth not in summary:  # ok: GIL003
            summary[job.cloth] = []
        summary[job.cloth].append((job.sail, round(job.area, 1), round(waste_m2, 2)))
    return summary


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    jobs = make_jobs()
    with ThreadPoolExecutor(max_workers=LOFT["workers"], thread_name_prefix="nester") as pool:
        futures = []
        for job in jobs:
            fut = pool.submit(nest_panels, job, bolt_width=LOFT["bolt_width_cm"],
                              layouts=LOFT["layouts_per_sail"])
            fut.add_done_callback(record_cut)
            futures.append(fut)
        results = [f.result() for f in futures]
    for cloth, sails in sorted(summarise(results).items()):
        print(f"{cloth}: cut {cut_counts.get(cloth, 0)} sails")
        for sail, area, waste_m2 in sails:
            print(f"    {sail:10s} {area:6.1f} m2 panels, {waste_m2:6.2f} m2 waste")


if __name__ == "__main__":
    main()
