"""Annealing lehr simulation.

Each zone of the lehr is a thread (a small Thread class hierarchy). Cooling zones
integrate the glass temperature curve numerically; inspection zones poll a camera
and record rejects. Zone bookkeeping goes through a context-manager guard.
"""
from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import dataclass, field
from typing import Optional

log = logging.getLogger("glassworks.lehr")


@dataclass
class Lehr:
    belt_speed_mm_s: float
    lock: threading.Lock = field(default_factory=threading.Lock)
    zones_done: int = 0
    inspections: int = 0
    rejects: list = field(default_factory=list)
    curves: dict = field(default_factory=dict)


class LehrGuard:
    """Holds the lehr's lock for a block of bookkeeping."""

    def __init__(self, lehr: Lehr, who: str) -> None:
        self._lock = lehr.lock
        self.who = who

    def __enter__(self) -> "LehrGuard":
        self._lock.acquire()  # ok: GIL005
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        self._lock.release()
        if exc_type is not None:
            log.error("%s failed inside guard: %s", self.who, exc)
        return False


class Zone(threading.Thread):
    """Base zone: runs compute() and keeps the result."""

    def __init__(self, name: str, lehr: Lehr, **thread_kwargs) -> None:
        super().__init__(name=name, **thread_kwargs)
        self.lehr = lehr
        self.result: Optional[object] = None
        self.error: Optional[BaseException] = None

    def run(self) -> None:
        try:
            self.result = self.compute()
        except BaseException as exc:  # keep the thread quiet, report later
            self.error = exc

    def compute(self) -> object:
        raise NotImplementedError


class CoolingZone(Zone):
    def __init__(self, name: str, lehr: Lehr, *, start_c: float, end_c: float,
                 steps: int, k: float = 0.0009, **thread_kwargs) -> None:
        super().__init__(name, lehr, **thread_kwargs)
        self.start_c = start_c
        self.end_c = end_c
        self.steps = steps
        self.k = k

    def compute(self) -> list[float]:
        dt = 0.05
        temp = self.start_c
        samples: list[float] = []
        stress = 0.0
        for step in range(self.steps):  # expect: GIL001
            gradient = self.k * (temp - self.end_c)
            temp -= gradient * dt * (1.0 + 0.02 * math.sin(step * 0.001))
            stress += abs(gradient) * 1e-3
            if step % 5_000 == 0:
                samples.append(round(temp, 2))
        with LehrGuard(self.lehr, self.name):
            self.lehr.zones_done += 1  # ok: GIL002
            self.lehr.curves[self.name] = samples
        return samples


class InspectionZone(Zone):
    def __init__(self, name: str, lehr: Lehr, *, ware: list[str], frame_s: float, **thread_kwargs) -> None:
        super().__init__(name, lehr, **thread_kwargs)
        self.ware = ware
        self.frame_s = frame_s

    def _camera_flags(self, item: str) -> bool:
        time.sleep(self.frame_s)  # exposure and transfer
        return item.endswith("7")

    def _log_reject(self, item: str) -> bool:
        if not self.lehr.lock.acquire(timeout=0.5):  # ok: GIL005
            log.warning("lehr busy; dropping reject record for %s", item)
            return False
        try:
            self.lehr.rejects.append(item)
            return True
        finally:
            self.lehr.lock.release()

    def compute(self) -> int:
        flagged = 0
        for item in self.ware:  # ok: GIL001
            if self._camera_flags(item):
                flagged += 1
                self._log_reject(item)
            self.lehr.inspections += 1  # expect: GIL002
        return flagged


def build_lehr(lehr: Lehr, plan: dict) -> list[Zone]:
    zones: list[Zone] = []
    for name, spec in plan.items():
        kind = spec.pop("kind")
        cls = CoolingZone if kind == "cool" else InspectionZone
        zones.append(cls(name, lehr, daemon=True, **spec))
    return zones


PLAN = {
    "anneal-1": {"kind": "cool", "start_c": 540.0, "end_c": 480.0, "steps": 220_000},
    "anneal-2": {"kind": "cool", "start_c": 480.0, "end_c": 300.0, "steps": 220_000},
    "camera-a": {"kind": "inspect", "ware": [f"bottle-{i:03d}" for i in range(0, 24, 2)], "frame_s": 0.004},
    "camera-b": {"kind": "inspect", "ware": [f"bottle-{i:03d}" for i in range(1, 24, 2)], "frame_s": 0.004},
}


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    lehr = Lehr(belt_speed_mm_s=35.0)
    zones = build_lehr(lehr, {k: dict(v) for k, v in PLAN.items()})
    t0 = time.perf_counter()
    for zone in zones:
        zone.start()
    for zone in zones:
        zone.join()
    failed = [z.name for z in zones if z.error is not None]
    print(f"zones done {lehr.zones_done}; inspections = {lehr.inspections} (expected 24)")
    print(f"rejects {sorted(lehr.rejects)}; failed zones {failed or 'none'}")
    print(f"final temps {[c[-1] for c in lehr.curves.values()]} in {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
