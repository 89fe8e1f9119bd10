"""Spillway gate controller for a hydroelectric dam.

A chain of threading.Timer ticks routes the forecast inflow hydrograph through
the reservoir (level-pool routing) and sets the radial gates.  An operator
console thread applies manual overrides at the same time.
"""
import logging
import math
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("dam.spillway")

CONFIG = {
    "gates": 3,
    "ticks": 3,
    "tick_s": 0.01,
    "routing_substeps": 40_000,
    "dt_s": 9.0,
    "crest_m": 205.0,
    "full_supply_m": 212.0,
    "overrides": [(0, 0.5), (1, 0.75), (0, 0.5), (2, 1.0), (1, 0.5)],
}


@dataclass
class Gate:
    gate_id: int
    opening_m: float = 0.0
    max_m: float = 8.0
    width_m: float = 12.0


@dataclass
class Reservoir:
    level_m: float
    area_m2: float = 14.5e6
    gates: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    moves: dict = field(default_factory=dict)
    log_book: list = field(default_factory=list)


def spill_discharge(gate: Gate, level: float, crest: float) -> float:
    """Orifice flow under a radial gate, m3/s."""
    head = level - crest
    if head <= 0 or gate.opening_m <= 0:
        return 0.0
    return 0.6 * gate.width_m * gate.opening_m * math.sqrt(2 * 9.81 * head)


def inflow_hydrograph(peak: float, t_peak: float):
    """Factory for a gamma-shaped flood hydrograph q(t)."""

    def q(t: float) -> float:
        x = t / t_peak
        return peak * (x ** 3.5) * math.exp(3.5 * (1 - x)) + 150.0

    return q


def route(reservoir: Reservoir, inflow, substeps: int, dt: float, crest: float) -> float:
    """Level-pool routing; returns the peak level reached."""
    level = reservoir.level_m
    peak = level
    gates = list(reservoir.gates)
    for k in range(substeps):  # expect: GIL001
        q_in = inflow(k * dt)
        q_out = 0.0
        for gate in gates:
            q_out += spill_discharge(gate, level, crest)
        level += (q_in - q_out) * dt / reservoir.area_m2
        if level > peak:
            peak = level
    return peak


class PeriodicController:
    """Re-arms a Timer after every tick until the tick budget is used up."""

    def __init__(self, reservoir: Reservoir, inflow, **cfg) -> None:
        self.reservoir = reservoir
        self.inflow = inflow
        self.cfg = cfg
        self.done = threading.Event()
        self.peaks: list = []

    def start(self) -> None:
        self._arm(self.cfg["ticks"])

    def _arm(self, remaining: int) -> None:
        timer = threading.Timer(self.cfg["tick_s"], self._tick, args=(remaining,))
        timer.name = f"spillway-tick-{remaining}"
        timer.start()

    def _tick(self, remaining: int) -> None:
        try:
            peak = route(self.reservoir, self.inflow, self.cfg["routing_substeps"],
                         self.cfg["dt_s"], self.cfg["crest_m"])
            self.peaks.append(round(peak, 3))
            self._set_gates(peak)
        finally:
            if remaining > 1:
                self._arm(remaining - 1)
            else:
                self.done.set()

    def _set_gates(self, peak: float) -> None:
        step = 0.5 if peak > self.cfg["full_supply_m"] else -0.25
        with self.reservoir.lock:
            if self.reservoir.level_m > self.cfg["crest_m"]:  # ok: GIL003
                for gate in self.reservoir.gates:
                    gate.opening_m = min(gate.max_m, max(0.0, gate.opening_m + step))  # ok: GIL002
                self.reservoir.log_book.append(("auto", step))


class OperatorConsole(threading.Thread):
    """Replays the manual overrides an operator keyed in."""

    def __init__(self, reservoir: Reservoir, overrides, **kwargs) -> None:
        super().__init__(name="operator", **kwargs)
        self.reservoir = reservoir
        self.overrides = list(overrides)

    def run(self) -> None:
        for gate_id, delta in self.overrides:  # ok: GIL001
            time.sleep(0.004)  # operator confirmation dialog
            self.nudge(self.reservoir.gates[gate_id], delta)

    def nudge(self, gate: Gate, delta: float) -> None:
        if gate.opening_m + delta <= gate.max_m:  # expect: GIL003
            gate.opening_m += delta  # expect: GIL002
        with self.reservoir.lock:
            self.reservoir.moves[gate.gate_id] = self.reservoir.moves.get(gate.gate_id, 0) + 1  # ok: GIL002
            self.reservoir.log_book.append(("manual", gate.gate_id, delta))


def build_reservoir(cfg: dict) -> Reservoir:
    gates = [Gate(i, opening_m=1.0) for i in range(cfg["gates"])]
    return Reservoir(level_m=cfg["full_supply_m"] - 1.5, gates=gates)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    reservoir = build_reservoir(CONFIG)
    controller = PeriodicController(reservoir, inflow_hydrograph(1800.0, 36_000.0), **CONFIG)
    console = OperatorConsole(reservoir, CONFIG["overrides"], daemon=True)
    t0 = time.perf_counter()
    controller.start()
    console.start()
    finished = controller.done.wait(timeout=4.0)
    console.join(timeout=1.0)
    elapsed = time.perf_counter() - t0
    openings = [round(g.opening_m, 2) for g in reservoir.gates]
    print(f"ticks finished: {finished}; peak levels per tick: {controller.peaks}")
    print(f"gate openings: {openings}; manual moves: {reservoir.moves}")
    print(f"log book entries: {len(reservoir.log_book)}; took {elapsed:.2f}s")


if __name__ == "__main__":
    main()
