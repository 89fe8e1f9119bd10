"""Orrery gear train: background timers recalibrate wheel ratios and advance the hands.

A recalibration searches every driver/driven tooth pair for the ratio closest to a
planet's sidereal period; the escapement ticks move the hands under the gearbox lock.
"""
from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("orrery.gears")

GEARING = {
    "min_teeth": 12,
    "max_teeth": 1_100,
    "recalibrate_after": 0.01,
    "tick_every": 0.004,
    "ticks": 6,
}

SIDEREAL_YEARS = {
    "mercury": 87.969 / 365.256,
    "venus": 224.701 / 365.256,
    "mars": 686.980 / 365.256,
}


class GearboxGuard:
    """Hold the gearbox lock for a block and remember how long it was held."""

    def __init__(self, lock: threading.Lock, owner: str) -> None:
        self._lock = lock
        self.owner = owner
        self.held_ms = 0.0
        self._t0 = 0.0

    def __enter__(self) -> "GearboxGuard":
        self._lock.acquire()  # ok: GIL005
        self._t0 = time.perf_counter()
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        self.held_ms = (time.perf_counter() - self._t0) * 1000
        self._lock.release()
        return False


@dataclass(order=True)
class GearPair:
    error: float
    driver: int = field(compare=False)
    driven: int = field(compare=False)

    @property
    def ratio(self) -> float:
        return self.driver / self.driven


def best_gear_pair(target: float, min_teeth: int, max_teeth: int) -> GearPair:
    best = GearPair(math.inf, 0, 1)
    for driver in range(min_teeth, max_teeth):  # expect: GIL001
        for driven in range(min_teeth, max_teeth):
            error = abs(driver / driven - target)
            if error < best.error:
                best = GearPair(error, driver, driven)
    return best


class GearTrain:
    def __init__(self, targets: dict[str, float], **gearing) -> None:
        self.cfg = {**GEARING, **gearing}
        self.targets = dict(targets)
        self.ratios: dict[str, float] = {}
        self.ticks = 0
        self.hands = ("hour", "day", "year")
        self.positions = {hand: 0.0 for hand in self.hands}
        self.hold_times: list[float] = []
        self._lock = threading.Lock()
        self._timers: list[threading.Timer] = []

    def _validate(self, wheel: str, ratio: float) -> None:
        if wheel not in self.targets:
            raise KeyError(f"no such wheel: {wheel}")
        if not 0.0 < ratio < 1_000.0:
            raise ValueError(f"ratio out of range for {wheel}: {ratio}")

    def adjust(self, wheel: str, ratio: float) -> None:
        self._lock.acquire()  # expect: GIL005
        self._validate(wheel, ratio)
        self.ratios[wheel] = ratio
        self._lock.release()

    def _recalibrate(self, wheel: str, target: float) -> None:
        pair = best_gear_pair(target, self.cfg["min_teeth"], self.cfg["max_teeth"])
        self.adjust(wheel, pair.ratio)
        log.info("%s: %d/%d teeth, error %.2e", wheel, pair.driver, pair.driven, pair.error)

    def _tick(self, n: int, degrees: float = 0.5) -> None:
        with GearboxGuard(self._lock, f"tick-{n}") as guard:
            self.ticks += 1  # ok: GIL002
            for hand in self.hands:  # ok: GIL001
                speed = self.ratios.get(hand, 1.0)
                self.positions[hand] = (self.positions[hand] + degrees * speed) % 360.0  # ok: GIL002
        self.hold_times.append(guard.held_ms)

    def schedule(self) -> None:
        delay = self.cfg["recalibrate_after"]
        for i, (wheel, target) in enumerate(self.targets.items()):
            self._timers.append(
                threading.Timer(delay * (i + 1), self._recalibrate, args=(wheel, target)))
        for n in range(self.cfg["ticks"]):
            self._timers.append(
                threading.Timer(self.cfg["tick_every"] * n, self._tick, kwargs={"n": n}))
        for timer in self._timers:
            timer.start()

    def wait(self, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        for timer in self._timers:
            timer.join(max(0.0, deadline - time.monotonic()))
        return all(not timer.is_alive() for timer in self._timers)


def describe(train: GearTrain) -> str:
    parts = [f"{wheel}={ratio:.5f}" for wheel, ratio in sorted(train.ratios.items())]
    return ", ".join(parts)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    started = time.perf_counter()
    train = GearTrain(SIDEREAL_YEARS, max_teeth=GEARING["max_teeth"])
    train.schedule()
    finished = train.wait()
    elapsed = time.perf_counter() - started
    print(f"finished={finished} ticks={train.ticks} ratios: {describe(train)}")
    print(f"positions {train.positions}, max lock hold {max(train.hold_times):.3f} ms, "
          f"{elapsed:.2f}s")


if __name__ == "__main__":
    main()
