"""Clock repair bench: bench hands regulate the escapements of clocks brought in for repair.

Each regulator hand is a Thread subclass that simulates a long run of beats of one movement to
find the beat error after adjustment; a cleaner hand only soaks and dries parts (sleeps).
"""
from __future__ import annotations

import functools
import logging
import threading
import time
from dataclasses import dataclass, field

logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
log = logging.getLogger("clockmender.bench")

TIMINGS: list[tuple[str, float]] = []
CLEANING_STEPS = ("ammonia soak", "rinse", "spirit dip", "dry", "peg out pivots")


def timed(fn):
    """Record how long each bench operation took (list.append is atomic)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            TIMINGS.append((fn.__name__, time.perf_counter() - t0))

    return wrapper


@dataclass
class Clock:
    owner: str
    movement: str
    beat_error_ms: float
    pendulum_mm: float
    teeth: int = 30

    @property
    def label(self) -> str:
        return f"{self.owner}'s {self.movement}"

    @property
    def beats_per_test(self) -> int:
        # a longer pendulum beats slower: fewer beats in the same test window
        return int(240_000 * 250.0 / self.pendulum_mm)


@dataclass
class Bench:
    name: str
    ticks_simulated: int = 0
    repairs: dict = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record_repair(self, movement: str) -> None:
        with self._lock:
            self.repairs[movement] = self.repairs.get(movement, 0) + 1  # ok: GIL002


class BenchHand(threading.Thread):
    """Template: run() hands the clock to work(); subclasses decide what work means."""

    def __init__(self, bench: Bench, clock: Clock, **kwargs):
        super().__init__(name=kwargs.pop("name", None), daemon=kwargs.pop("daemon", False))
        self.bench = bench
        self.clock = clock
        self.options = dict(kwargs)
        self.outcome = None

    def run(self) -> None:
        log.info("takes %s", self.clock.label)
        self.outcome = self.work(self.clock)
        self.bench.record_repair(self.clock.movement)

    def work(self, clock: Clock):
        raise NotImplementedError


class RegulatorHand(BenchHand):
    def work(self, clock: Clock):
        beats = self.options.get("beats") or clock.beats_per_test
        drift, amplitude = self._regulate(clock, beats)
        self.bench.ticks_simulated += beats  # expect: GIL002
        return {"clock": clock.label, "drift_ms": round(drift, 3), "amplitude": round(amplitude, 4)}

    @timed
    def _regulate(self, clock: Clock, beats: int):
        amplitude = 1.0
        drift = 0.0
        error = clock.beat_error_ms
        for beat in range(beats):  # expect: GIL001
            kick = 1.2 if beat % clock.teeth == 0 else 1.0
            amplitude = amplitude * 0.99995 + 0.00005 * kick
            drift += (error if beat & 1 else -error) * amplitude
            if beat % 997 == 0:
                error *= 0.93
        return drift, amplitude


class CleanerHand(BenchHand):
    def work(self, clock: Clock):
        soak = self.options.get("soak_s", 0.01)
        done = []
        for step in CLEANING_STEPS:  # ok: GIL001
            time.sleep(soak)
            done.append(step)
        return {"clock": clock.label, "steps": len(done)}


HAND_TYPES = {"regulate": RegulatorHand, "clean": CleanerHand}


def staff_bench(bench: Bench, orders: list[tuple[str, Clock]], **shared_options) -> list[BenchHand]:
    hands = []
    for i, (kind, clock) in enumerate(orders):
        cls = HAND_TYPES[kind]
        hands.append(cls(bench, clock, name=f"{kind}-{i}", **shared_options))
    return hands


def main() -> None:
    bench = Bench("north window")
    orders = [
        ("regulate", Clock("Mrs Pike", "bracket clock", 2.4, 250.0)),
        ("regulate", Clock("the vicarage", "longcase", 1.7, 994.0 / 4)),
        ("regulate", Clock("Dr Hale", "skeleton clock", 3.1, 280.0, teeth=24)),
        ("clean", Clock("the inn", "wall regulator", 0.8, 500.0)),
    ]
    hands = staff_bench(bench, orders, soak_s=0.01)
    start = time.perf_counter()
    for hand in hands:
        hand.start()
    for hand in hands:
        hand.join()
    elapsed = time.perf_counter() - start
    for hand in hands:
        print(hand.name, hand.outcome)
    print(f"bench {bench.name}: {bench.ticks_simulated} beats simulated, repairs {bench.repairs}")
    slowest = max(TIMINGS, key=lambda item: item[1]) if TIMINGS else ("-", 0.0)
    print(f"slowest step {slowest[0]} {slowest[1] * 1000:.1f} ms; wall {elapsed * 1000:.0f} ms")


if __name__ == "__main__":
    main()
