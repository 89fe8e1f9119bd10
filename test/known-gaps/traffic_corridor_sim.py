"""Arterial corridor simulation: one controller thread per signalised junction.

Each junction has four approaches with vehicle queues.  A fixed-time controller
cycles through the phases on a timetable; the actuated controller extends the
green while vehicles keep arriving.  Every controller simulates the same peak
hour at one-second ticks and reports into a shared ``CorridorStats``.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Deque, Dict, List, Tuple

log = logging.getLogger("traffic.corridor")

APPROACHES = ("N", "S", "E", "W")
PHASES: Tuple[Tuple[str, ...], ...] = (("N", "S"), ("E", "W"))
SATURATION_PER_TICK = 0.5  # vehicles per second of green per lane
STORAGE = 40  # vehicles an approach can hold before it spills back


@dataclass
class CorridorStats:
    vehicles_cleared: int = 0
    total_delay_s: int = 0
    spillbacks: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _phase_changes: int = 0
    _pc_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def phase_changes(self) -> int:
        with self._pc_lock:
            return self._phase_changes

    @phase_changes.setter
    def phase_changes(self, value: int) -> None:
        with self._pc_lock:
            self._phase_changes = value


class Lcg:
    """Tiny deterministic generator so every run simulates the same arrivals."""

    def __init__(self, seed: int) -> None:
        self.state = seed

    def next(self) -> float:
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & (2 ** 64 - 1)
        return (self.state >> 11) / 2 ** 53


class SignalController(threading.Thread):
    """Fixed-time plan; subclasses override ``next_phase``."""

    def __init__(self, junction: str, stats: CorridorStats, ticks: int,
                 arrival_rates: Dict[str, float], green_s: int = 30) -> None:
        super().__init__(name=f"ctrl-{junction}")
        self.junction = junction
        self.stats = stats
        self.ticks = ticks
        self.rates = arrival_rates
        self.green_s = green_s
        self.queues: Dict[str, Deque[int]] = {a: deque() for a in APPROACHES}
        self.rng = Lcg(sum(map(ord, junction)))
        self.phase = 0
        self.phase_age = 0
        self.local_cleared = 0
        self.credit = {a: 0.0 for a in APPROACHES}

    def next_phase(self, tick: int) -> int:
        return (self.phase + 1) % len(PHASES) if self.phase_age >= self.green_s else self.phase

    def discharge(self, tick: int) -> Tuple[int, int]:
        cleared = delay = 0
        for approach in PHASES[self.phase]:
            q = self.queues[approach]
            self.credit[approach] += SATURATION_PER_TICK  # ok: GIL002
            while q and self.credit[approach] >= 1.0:
                self.credit[approach] -= 1.0
                delay += tick - q.popleft()
                cleared += 1
        return cleared, delay

    def run(self) -> None:
        started = time.perf_counter()
        for tick in range(self.ticks):  # expect: GIL001
            for approach in APPROACHES:
                if self.rng.next() < self.rates[approach]:
                    self.queues[approach].append(tick)
                    if len(self.queues[approach]) > STORAGE:
                        self.queues[approach].popleft()
                        with self.stats.lock:
                            self.stats.spillbacks += 1  # ok: GIL002
            cleared, delay = self.discharge(tick)
            self.local_cleared += cleared  # ok: GIL002
            self.stats.vehicles_cleared += cleared  # expect: GIL002
            self.stats.total_delay_s += delay  # expect: GIL002
            new_phase = self.next_phase(tick)
            if new_phase != self.phase:
                self.phase, self.phase_age = new_phase, 0
                self.stats.phase_changes += 1  # expect: GIL002
            else:
                self.phase_age += 1  # ok: GIL002
        log.debug("%s done in %.3fs", self.name, time.perf_counter() - started)


class ActuatedController(SignalController):
    """Extends the green up to ``max_green_s`` while the served queues are non-empty."""

    def __init__(self, *args, min_green_s: int = 10, max_green_s: int = 60, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.min_green_s = min_green_s
        self.max_green_s = max_green_s

    def next_phase(self, tick: int) -> int:
        if self.phase_age < self.min_green_s:
            return self.phase
        served_waiting = sum(len(self.queues[a]) for a in PHASES[self.phase])
        if served_waiting and self.phase_age < self.max_green_s:
            return self.phase
        if not served_waiting:
            return (self.phase + 1) % len(PHASES)  # gap-out
        return super().next_phase(tick)  # max-out: back to the timetable


def build_corridor(stats: CorridorStats, ticks: int) -> List[SignalController]:
    layout = [
        ("5th-Main", ActuatedController, {"N": 0.12, "S": 0.10, "E": 0.30, "W": 0.28}),
        ("6th-Main", SignalController, {"N": 0.08, "S": 0.09, "E": 0.32, "W": 0.30}),
        ("7th-Main", ActuatedController, {"N": 0.15, "S": 0.14, "E": 0.25, "W": 0.27}),
        ("8th-Main", SignalController, {"N": 0.05, "S": 0.06, "E": 0.35, "W": 0.33}),
    ]
    return [cls(name, stats, ticks, rates, green_s=30) for name, cls, rates in layout]


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    stats = CorridorStats()
    controllers = build_corridor(stats, ticks=3600 * 16)
    t0 = time.perf_counter()
    for controller in controllers:
        controller.start()
    for controller in controllers:
        controller.join()
    wall = time.perf_counter() - t0
    expected = sum(c.local_cleared for c in controllers)
    print(f"simulated {len(controllers)} junctions x {controllers[0].ticks} s in {wall:.2f}s")
    print(f"vehicles cleared {stats.vehicles_cleared} (per-junction sum {expected})")
    print(f"mean delay {stats.total_delay_s / max(1, stats.vehicles_cleared):.1f}s, "
          f"phase changes {stats.phase_changes}, spillbacks {stats.spillbacks}")
