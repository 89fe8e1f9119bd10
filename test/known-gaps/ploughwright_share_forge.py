"""Ploughwright's forge: drawing out plough shares under the hammer and quenching them.

Hammer cycles are simulated as heat diffusion along the share blank; quench tanks are
watched by small timer-driven threads.
"""
from __future__ import annotations

import functools
import logging
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("ploughwright.forge")

FORGE_PROFILE = {
    "cycles": 250,
    "blank_cells": 2400,
    "loss": 0.35,
    "strike_delay_s": 0.005,
    "quench_steps": 10,
}


@dataclass
class ShareBlank:
    pattern: str
    length_mm: int
    start_temp: float = 1150.0
    temps: list[float] = field(default_factory=list)

    def heat(self, cells: int) -> "ShareBlank":
        self.temps = [self.start_temp if i % 7 else self.start_temp - 80.0 for i in range(cells)]
        return self

    @property
    def mean_temp(self) -> float:
        return sum(self.temps) / len(self.temps) if self.temps else 0.0


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        log.debug("enter %s", fn.__name__)
        result = fn(*args, **kwargs)
        log.debug("leave %s", fn.__name__)
        return result
    return wrapper


def make_hammer(profile: dict, results: dict):
    """One power hammer; the closure counts every strike it has made."""
    strikes = 0
    loss = profile["loss"]
    cycles = profile["cycles"]

    @logged
    def hammer(blank: ShareBlank) -> None:
        nonlocal strikes
        temps = blank.temps
        for _ in range(cycles):  # expect: GIL001
            prev = temps[0]
            for i in range(1, len(temps) - 1):
                cur = temps[i]
                temps[i] = (prev + 2.0 * cur + temps[i + 1]) * 0.25 - loss
                prev = cur
            strikes += 1  # expect: GIL002
        results[blank.pattern] = round(blank.mean_temp, 1)

    def strike_count() -> int:
        return strikes

    hammer.strike_count = strike_count
    return hammer


def make_tally():
    """A private step counter; every quench watcher makes its own."""
    count = 0

    def bump() -> int:
        nonlocal count
        count += 1  # ok: GIL002
        return count

    return bump


class QuenchWatcher(threading.Thread):
    def __init__(self, tank: str, steps: int, readings: list, **kwargs):
        super().__init__(name=f"quench-{tank}", **kwargs)
        self.tank = tank
        self.steps = steps
        self.readings = readings

    def run(self):
        tick = make_tally()
        water = 14.0
        for _ in range(self.steps):  # ok: GIL001
            time.sleep(0.004)
            water += 0.6
            n = tick()
        self.readings.append((self.tank, n, round(water, 1)))


def schedule_strikes(hammer, blanks: list[ShareBlank], delay: float) -> list[threading.Timer]:
    timers = []
    for blank in blanks:
        timer = threading.Timer(delay, hammer, args=(blank,))
        timer.name = f"strike-{blank.pattern}"
        timers.append(timer)
    return timers


def forge(profile: dict) -> None:
    results: dict[str, float] = {}
    readings: list = []
    blanks = [
        ShareBlank("ransome-yl", 330).heat(profile["blank_cells"]),
        ShareBlank("howard-s7", 305).heat(profile["blank_cells"]),
    ]
    shared_hammer = make_hammer(profile, results)
    timers = schedule_strikes(shared_hammer, blanks, profile["strike_delay_s"])
    watchers = [QuenchWatcher(t, profile["quench_steps"], readings, daemon=True)
                for t in ("brine", "oil")]
    started = time.perf_counter()
    for th in [*timers, *watchers]:
        th.start()
    for th in [*timers, *watchers]:
        th.join()
    elapsed = time.perf_counter() - started
    expected = profile["cycles"] * len(blanks)
    print(f"strikes = {shared_hammer.strike_count()} (expected {expected})")
    for pattern, temp in sorted(results.items()):
        print(f"share {pattern:11s} mean temperature after drawing out: {temp:7.1f} C")
    for tank, steps, water in sorted(readings):
        print(f"quench tank {tank:5s}: {steps} steps, water at {water} C")
    print(f"forging took {elapsed:.2f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    forge(FORGE_PROFILE)
