"""Slate roofing crew scheduler.

Each crew is given one roof.  Its job walks a generator pipeline (courses up
the rafter -> slates per course) and, for every course, works out the nail
holes and side-lap of each slate so the joints break bond with the course
below.  Crews share a slate tally by size; a materials runner keeps the
scaffold stocked.
"""
from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterator

log = logging.getLogger("slater.crews")

JOBS = {
    "hale": {"roof": ("chapel", 9.0, 14.0, 40.0, "24x12")},
    "ivor": {"roof": ("barn", 7.5, 22.0, 35.0, "20x10")},
    "jory": {"roof": ("cottage", 6.0, 16.0, 45.0, "24x12")},
}
HEAD_LAP_MM = 75
NAIL_CHECKS = 120

_tls = threading.local()


@dataclass(frozen=True)
class Roof:
    name: str
    rafter_m: float
    width_m: float
    pitch_deg: float
    slate_size: str

    @property
    def slate_mm(self) -> tuple[int, int]:
        length_in, width_in = (int(x) for x in self.slate_size.split("x"))
        return round(length_in * 25.4), round(width_in * 25.4)

    @property
    def gauge_mm(self) -> float:
        return (self.slate_mm[0] - HEAD_LAP_MM) / 2


def courses(roof: Roof) -> Iterator[tuple[int, float]]:
    n = int(roof.rafter_m * 1000 // roof.gauge_mm)
    for i in range(n):
        yield i, roof.width_m * 1000


def slates_per_course(stream: Iterator[tuple[int, float]], slate_w: int) -> Iterator[tuple[int, int, float]]:
    for index, width_mm in stream:
        offset = slate_w / 2 if index % 2 else 0.0
        yield index, int((width_mm - offset) // slate_w) + 1, offset


def lay_roof(roof: Roof, *, tally: dict[str, int], totals: dict[str, int],
             totals_lock: threading.Lock, crew: str) -> float:
    _tls.laid = 0
    slate_l, slate_w = roof.slate_mm
    worst_lap = math.inf
    pipeline = slates_per_course(courses(roof), slate_w)
    for index, count, offset in pipeline:  # expect: GIL001
        for s in range(count):
            left = s * slate_w - offset
            for k in range(NAIL_CHECKS):
                hole = left + slate_w * (0.25 + 0.5 * (k % 2)) + math.cos(k + index) * 0.5
                lap = abs((hole % slate_w) - slate_w / 2)
                if lap < worst_lap:
                    worst_lap = lap
        tally[roof.slate_size] = tally.get(roof.slate_size, 0) + count  # expect: GIL002
        _tls.laid += count  # ok: GIL002
    with totals_lock:
        totals[crew] = totals.get(crew, 0) + _tls.laid  # ok: GIL002
    return worst_lap


def run_materials(pallets: list[str], out: list[str], pause_s: float) -> None:
    for pallet in pallets:  # ok: GIL001
        time.sleep(pause_s)  # forklift up the track
        out.append(pallet)


class CrewRunner:
    """Holds a job and its kwargs; the thread it makes runs _invoke."""

    def __init__(self, name: str, job: Callable[..., Any], **kwargs: Any) -> None:
        self.crew = name
        self._job = job
        self._kwargs = kwargs
        self.result: Any = None
        self.thread: threading.Thread | None = None

    def _invoke(self) -> None:
        started = time.perf_counter()
        self.result = self._job(**self._kwargs)
        log.info("%s finished in %.0f ms", self.crew, (time.perf_counter() - started) * 1000)

    def launch(self, factory: Callable[..., threading.Thread] = threading.Thread) -> "CrewRunner":
        self.thread = factory(target=self._invoke, name=f"crew-{self.crew}")
        self.thread.start()
        return self

    def wait(self) -> Any:
        assert self.thread is not None
        self.thread.join()
        return self.result


def build_runners(jobs: dict[str, dict], **shared: Any) -> list[CrewRunner]:
    runners = []
    for crew, spec in jobs.items():
        roof = Roof(*spec["roof"])
        runners.append(CrewRunner(crew, lay_roof, roof=roof, crew=crew, **shared))
    return runners


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    tally: dict[str, int] = {}
    totals: dict[str, int] = {}
    delivered: list[str] = []
    runners = build_runners(JOBS, tally=tally, totals=totals, totals_lock=threading.Lock())
    materials = CrewRunner("materials", run_materials, pallets=["p1", "p2", "p3"], out=delivered, pause_s=0.01)
    started = time.perf_counter()
    for runner in runners + [materials]:
        runner.launch()
    laps = {r.crew: r.wait() for r in runners}
    materials.wait()
    print(f"tally by size = {tally}")
    print(f"laid per crew = {totals}, pallets = {len(delivered)}")
    print("worst side-lap mm: " + ", ".join(f"{c}={v:.1f}" for c, v in laps.items()))
    print(f"elapsed {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
