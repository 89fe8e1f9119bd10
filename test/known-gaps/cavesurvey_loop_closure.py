"""Cave survey loop closure.

A survey loop is a ring of shots (length, bearing, inclination) that starts
and ends at the same station.  Measurement error leaves a misclosure, which
is spread over the loop by iterative relaxation.  Each loop is adjusted on
its own thread; adjusted stations go into a registry shared by all loops.
"""
from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import dataclass, field
from typing import Dict, List, Tuple

log = logging.getLogger("cavesurvey.closure")

Vec = Tuple[float, float, float]

ADJUST = {
    "iterations": 3_000,
    "relaxation": 0.35,
    "stations_per_loop": 40,
}

_scratch = threading.local()


@dataclass(frozen=True)
class Shot:
    frm: str
    to: str
    length: float
    bearing: float
    inclination: float

    @property
    def delta(self) -> Vec:
        b, i = math.radians(self.bearing), math.radians(self.inclination)
        horizontal = self.length * math.cos(i)
        return (horizontal * math.sin(b), horizontal * math.cos(b), self.length * math.sin(i))


@dataclass
class Station:
    name: str
    x: float
    y: float
    z: float
    loops: int = 1


class StationRegistry:
    def __init__(self) -> None:
        self._stations: Dict[str, Station] = {}
        self._lock = threading.Lock()

    def register(self, name: str, pos: Vec) -> None:
        with self._lock:
            if name not in self._stations:  # ok: GIL003
                self._stations[name] = Station(name, *pos)
            else:
                self._stations[name].loops += 1

    def __len__(self) -> int:
        with self._lock:
            return len(self._stations)


@dataclass
class ClosureTally:
    closed_loops: int = 0
    slot: threading.BoundedSemaphore = field(default_factory=lambda: threading.BoundedSemaphore(1))


class LoopAdjuster(threading.Thread):
    def __init__(self, name: str, shots: List[Shot], registry: StationRegistry,
                 tally: ClosureTally, **settings) -> None:
        super().__init__(name=f"loop-{name}")
        self.shots = shots
        self.registry = registry
        self.tally = tally
        self.settings = {**ADJUST, **settings}
        self.misclosure = 0.0
        self.residual = 0.0

    def run(self) -> None:
        coords = self._dead_reckon()
        adjusted = self._relax(coords)
        for station, pos in adjusted.items():
            self.registry.register(station, pos)
        with self.tally.slot:
            self.tally.closed_loops += 1  # ok: GIL002

    def _dead_reckon(self) -> Dict[str, Vec]:
        coords: Dict[str, Vec] = {self.shots[0].frm: (0.0, 0.0, 0.0)}
        for shot in self.shots[:-1]:
            x, y, z = coords[shot.frm]
            dx, dy, dz = shot.delta
            coords[shot.to] = (x + dx, y + dy, z + dz)
        x, y, z = coords[self.shots[-1].frm]
        dx, dy, dz = self.shots[-1].delta
        self.misclosure = math.dist((x + dx, y + dy, z + dz), coords[self.shots[0].frm])
        return coords

    def _relax(self, coords: Dict[str, Vec]) -> Dict[str, Vec]:
        rate = self.settings["relaxation"]
        deltas = [(s.frm, s.to, s.delta) for s in self.shots]
        anchor = self.shots[0].frm
        _scratch.sweeps = 0
        worst = 0.0
        for _ in range(self.settings["iterations"]):  # expect: GIL001
            worst = 0.0
            for frm, to, (dx, dy, dz) in deltas:
                fx, fy, fz = coords[frm]
                tx, ty, tz = coords[to]
                rx, ry, rz = fx + dx - tx, fy + dy - ty, fz + dz - tz
                worst = max(worst, abs(rx) + abs(ry) + abs(rz))
                if to != anchor:
                    coords[to] = (tx + rx * rate, ty + ry * rate, tz + rz * rate)
                if frm != anchor:
                    coords[frm] = (fx - rx * rate, fy - ry * rate, fz - rz * rate)
            _scratch.sweeps += 1  # ok: GIL002
        self.residual = worst
        return coords


def make_loop(prefix: str, count: int, seed: int) -> List[Shot]:
    shots = []
    for i in range(count):
        noise = ((seed * 31 + i * 17) % 9 - 4) * 0.4
        shots.append(Shot(f"{prefix}{i}", f"{prefix}{(i + 1) % count}", 6.0 + (i % 5) * 0.3,
                          (360.0 * i / count + noise) % 360, ((i * 7) % 11 - 5) * 1.5))
    return shots


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    registry = StationRegistry()
    tally = ClosureTally()
    n = ADJUST["stations_per_loop"]
    loops = {"Main Streamway": make_loop("MS", n, 3), "Bat Passage": make_loop("BP", n, 5),
             "Sump Bypass": make_loop("MS", n, 8)}  # shares stations with Main Streamway
    adjusters = [LoopAdjuster(name, shots, registry, tally) for name, shots in loops.items()]
    started = time.perf_counter()
    for adjuster in adjusters:
        adjuster.start()
    for adjuster in adjusters:
        adjuster.join()
    print(f"closed {tally.closed_loops} loops (expected {len(loops)}) "
          f"in {time.perf_counter() - started:.2f}s")
    for adjuster in adjusters:
        print(f"  {adjuster.name:20s} misclosure {adjuster.misclosure:6.2f} m, "
              f"residual {adjuster.residual:.4f} m")
    print(f"stations = {len(registry)} (expected {2 * n})")


if __name__ == "__main__":
    main()
