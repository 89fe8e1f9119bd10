"""Comb cutting benches: tooth cutting and spacing plans.

Benches cut the teeth of horn and boxwood comb blanks with a twin-bladed saw. The
work for each bench is wrapped in a job object whose entry point is handed through a
launcher to the thread; a timer starts the spacing planner once the benches are busy.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

log = logging.getLogger("combmaker.teeth")

CUT_CONFIG = {
    "benches": 3,
    "combs_per_bench": 3,
    "group_s": 0.001,
    "planner_delay_s": 0.005,
    "trials": 90,
    "plan_teeth": 1_800,
}


@dataclass
class CombBlank:
    comb_id: int
    style: str
    teeth: int
    length_mm: float

    @property
    def pitch_mm(self) -> float:
        return self.length_mm / self.teeth


@dataclass
class Saw:
    name: str
    strokes: int = 0


@dataclass
class ShopCounters:
    teeth_cut: int = 0
    combs: int = 0
    first_cut: dict = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


@dataclass
class Job:
    name: str
    entry: Callable[..., Any]
    kwargs: dict = field(default_factory=dict)


class Launcher:
    def __init__(self) -> None:
        self.started: list[threading.Thread] = []

    def spawn(self, entry: Callable[..., Any], name: str, **kwargs) -> threading.Thread:
        thread = threading.Thread(target=entry, name=name, kwargs=kwargs)
        thread.start()
        self.started.append(thread)
        return thread

    def wait(self) -> None:
        for thread in self.started:
            thread.join()


class CuttingBench:
    def __init__(self, bench_id: int, saw: Saw, counters: ShopCounters, group_s: float) -> None:
        self.bench_id = bench_id
        self.saw = saw
        self.counters = counters
        self.group_s = group_s

    def cut_comb(self, comb: CombBlank) -> None:
        for group in range(comb.teeth // 10):  # ok: GIL001
            time.sleep(self.group_s)
            self.saw.strokes += 10  # ok: GIL002
        if comb.style not in self.counters.first_cut:  # expect: GIL003
            self.counters.first_cut[comb.style] = f"bench-{self.bench_id}"
        self.counters.teeth_cut += comb.teeth  # expect: GIL002
        with self.counters.lock:
            self.counters.combs += 1  # ok: GIL002

    def cut_all(self, combs: list[CombBlank]) -> None:
        for comb in combs:  # ok: GIL001
            self.cut_comb(comb)

    def as_job(self, combs: list[CombBlank]) -> Job:
        return Job(name=f"bench-{self.bench_id}", entry=self.cut_all, kwargs={"combs": combs})

    def launch(self, launcher: Launcher, combs: list[CombBlank]) -> threading.Thread:
        job = self.as_job(combs)
        return launcher.spawn(job.entry, job.name, **job.kwargs)


class SpacingPlanner:
    """Searches for the saw-guide offset that spreads pitch error most evenly."""

    def __init__(self, length_mm: float, **cfg) -> None:
        self.length_mm = length_mm
        self.cfg = cfg
        self.best: tuple[float, float] | None = None

    def plan_spacing(self, teeth: int, trials: int) -> None:
        started = time.perf_counter()
        best_err, best_offset = float("inf"), 0.0
        for trial in range(trials):  # expect: GIL001
            offset = trial / trials * 0.05
            err = 0.0
            for tooth in range(teeth):
                ideal = self.length_mm * tooth / teeth
                cut = round((ideal + offset) * 20) / 20
                err += (cut - ideal) ** 2
            if err < best_err:
                best_err, best_offset = err, offset
        self.best = (best_offset, best_err)
        log.info("spacing plan in %.1f ms", (time.perf_counter() - started) * 1000)


def make_combs(bench: int, count: int) -> list[CombBlank]:
    styles = ("dressing", "fine-tooth", "side")
    return [CombBlank(bench * 10 + i, styles[(bench + i) % 3], teeth=60 + 10 * i, length_mm=150.0)
            for i in range(count)]


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    cfg = CUT_CONFIG
    counters = ShopCounters()
    launcher = Launcher()
    benches = [CuttingBench(i, Saw(f"saw-{i}"), counters, cfg["group_s"]) for i in range(cfg["benches"])]
    planner = SpacingPlanner(150.0)
    plan_timer = threading.Timer(cfg["planner_delay_s"], planner.plan_spacing,
                                 kwargs={"teeth": cfg["plan_teeth"], "trials": cfg["trials"]})
    all_combs = {b.bench_id: make_combs(b.bench_id, cfg["combs_per_bench"]) for b in benches}
    started = time.perf_counter()
    for bench in benches:
        bench.launch(launcher, all_combs[bench.bench_id])
    plan_timer.start()
    launcher.wait()
    plan_timer.join()
    elapsed = (time.perf_counter() - started) * 1000
    expected = sum(c.teeth for combs in all_combs.values() for c in combs)
    print(f"teeth cut = {counters.teeth_cut} (expected {expected}); combs = {counters.combs}")
    print(f"saw strokes = {[b.saw.strokes for b in benches]}")
    print(f"first cut by style = {dict(sorted(counters.first_cut.items()))}")
    offset, err = planner.best
    print(f"best guide offset {offset:.4f} mm (sq. error {err:.4f}); took {elapsed:.1f} ms")


if __name__ == "__main__":
    main()
