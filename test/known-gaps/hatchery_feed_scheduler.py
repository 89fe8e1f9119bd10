"""Hatchery feed scheduler: timers fire feeding callbacks for the rearing tanks.

Feeding rules are registered as callbacks with keyword settings; each timer runs the
callbacks for its tank. A tank must not be fed twice within the minimum gap.
"""
from __future__ import annotations

import functools
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

log = logging.getLogger("hatchery.feed")

FEED_PLAN = {
    "tanks": ("fry-1", "fry-2", "parr-1"),
    "rounds": 3,
    "timers_per_round": 2,
    "round_gap_s": 0.03,
    "min_gap_s": 0.02,
    "portion_g": 12,
    "hopper_g": 150,
    "low_water_g": 40,
    "refill_g": 100,
}


def logged_callback(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        log.debug("callback %s(%s)", fn.__name__, kwargs)
        return fn(*args, **kwargs)

    return wrapper


@dataclass
class CallbackRegistry:
    callbacks: list = field(default_factory=list)

    def register(self, fn: Callable[..., None] | None = None, **settings):
        def add(f):
            self.callbacks.append((f, settings))
            return f

        return add(fn) if fn is not None else add

    def fire(self, **context) -> int:
        for fn, settings in self.callbacks:
            fn(**{**settings, **context})
        return len(self.callbacks)


class Hopper:
    def __init__(self, grams: int, low_water: int, refill: int):
        self.grams = grams
        self.low_water = low_water
        self.refill = refill
        self.refills = 0
        self._lock = threading.RLock()
        self._audit_lock = threading.Lock()
        self.audits = 0

    def draw(self, grams: int) -> int:
        with self._lock:
            if self.grams < self.low_water:  # ok: GIL003
                self.grams += self.refill  # ok: GIL002
                self.refills += 1
            self.grams -= grams
            return grams

    def audit(self) -> bool:
        acquired = self._audit_lock.acquire(timeout=0.2)  # ok: GIL005
        try:
            if not acquired:
                return False
            self.audits += 1  # ok: GIL002
            return True
        finally:
            if acquired:
                self._audit_lock.release()


class FeedScheduler:
    def __init__(self, plan: dict, hopper: Hopper):
        self.plan = plan
        self.hopper = hopper
        self.registry = CallbackRegistry()
        self._last_fed: dict[str, float] = {}
        self.portions_served = 0
        self.fed_log: list[tuple[str, float]] = []

    def _dispense(self, tank: str, grams: int) -> None:
        self.hopper.draw(grams)
        time.sleep(0.002)  # auger turns
        self.portions_served += 1  # expect: GIL002
        self.fed_log.append((tank, time.monotonic()))

    def feed_if_due(self, *, tank: str, portion_g: int, min_gap_s: float, **_) -> None:
        now = time.monotonic()
        if tank not in self._last_fed or now - self._last_fed[tank] >= min_gap_s:  # expect: GIL003
            self._dispense(tank, portion_g)
            self._last_fed[tank] = now

    def audit_hopper(self, **_) -> None:
        self.hopper.audit()

    def install(self) -> None:
        self.registry.register(logged_callback(self.feed_if_due),
                               portion_g=self.plan["portion_g"], min_gap_s=self.plan["min_gap_s"])
        self.registry.register(self.audit_hopper)

    def schedule(self) -> list[threading.Timer]:
        timers = []
        for rnd in range(self.plan["rounds"]):
            for tank in self.plan["tanks"]:
                for _ in range(self.plan["timers_per_round"]):
                    timer = threading.Timer(
                        rnd * self.plan["round_gap_s"], self.registry.fire, kwargs={"tank": tank}
                    )
                    timers.append(timer)
        for timer in timers:
            timer.start()
        return timers


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    hopper = Hopper(FEED_PLAN["hopper_g"], FEED_PLAN["low_water_g"], FEED_PLAN["refill_g"])
    scheduler = FeedScheduler(FEED_PLAN, hopper)
    scheduler.install()
    started = time.perf_counter()
    for timer in scheduler.schedule():
        timer.join()
    elapsed = time.perf_counter() - started
    per_tank: dict[str, int] = {}
    for tank, _ in scheduler.fed_log:
        per_tank[tank] = per_tank.get(tank, 0) + 1
    limit = FEED_PLAN["rounds"]
    print(f"portions served = {scheduler.portions_served} (at most {limit * len(FEED_PLAN['tanks'])})")
    print(f"per tank = {dict(sorted(per_tank.items()))} (at most {limit} each)")
    print(f"hopper = {hopper.grams} g after {hopper.refills} refills; audits = {hopper.audits}")
    print(f"feeding day simulated in {elapsed:.3f}s")


if __name__ == "__main__":
    main()
