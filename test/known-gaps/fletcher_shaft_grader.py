"""Arrow-shaft grading for a fletcher's shop.

Shafts are graded in a ThreadPoolExecutor: each worker looks up the wood
density (cached), fetches the spine table for the shaft length (built once
under double-checked locking) and simulates the shaft's deflection under the
standard 880 g spine-test weight.
"""
from __future__ import annotations

import functools
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Dict, List, Tuple

log = logging.getLogger("fletcher.grader")

WOOD_DENSITY = {"cedar": 0.38, "ash": 0.67, "birch": 0.61, "pine": 0.45, "fir": 0.53}
GRADER_CONFIG = {"steps": 250_000, "workers": 4, "table_points": 24, "load_g": 880.0}


def timed(fn: Callable) -> Callable:
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        result = fn(*args, **kwargs)
        log.debug("%s: %.1f ms", fn.__name__, (time.perf_counter() - t0) * 1000)
        return result
    return wrapper


@dataclass(frozen=True)
class Shaft:
    shaft_id: str
    species: str
    length_in: int
    diameter_mm: float
    runout: float  # grain run-out, 0..1

    @property
    def section_modulus(self) -> float:
        r = self.diameter_mm / 2.0
        return 0.785 * r ** 4


@dataclass(frozen=True)
class Grade:
    shaft_id: str
    deflection: float
    spine_lbs: float
    letter: str


def load_density(species: str) -> float:
    time.sleep(0.002)  # look the species up in the wood-store card index
    return WOOD_DENSITY[species]


class DensityTable:
    """Cheap lookups, cached in a plain dict."""

    def __init__(self, loader: Callable[[str], float]):
        self._loader = loader
        self._cache: Dict[str, float] = {}

    def density(self, species: str) -> float:
        if species not in self._cache:  # expect: GIL003
            self._cache[species] = self._loader(species)
        return self._cache[species]


class SpineTable:
    """Per-length spine tables, built once each with double-checked locking."""

    def __init__(self, points: int):
        self._points = points
        self._tables: Dict[int, List[Tuple[float, float]]] = {}
        self._lock = threading.Lock()
        self.builds = 0

    def lookup(self, length_in: int) -> List[Tuple[float, float]]:
        table = self._tables.get(length_in)
        if table is None:  # ok: GIL003
            with self._lock:
                table = self._tables.get(length_in)
                if table is None:  # ok: GIL003
                    table = self._build(length_in)
                    self._tables[length_in] = table
                    self.builds += 1  # ok: GIL002
        return table

    def _build(self, length_in: int) -> List[Tuple[float, float]]:
        rows = []
        for i in range(self._points):  # ok: GIL001
            deflection = 0.2 + i * 0.025
            rows.append((deflection, round(26.0 / deflection * 28.0 / length_in, 1)))
        return rows


@timed
def simulate_deflection(shaft: Shaft, density: float, steps: int, load_g: float) -> float:
    """Explicit relaxation of a simply supported shaft with a centre load."""
    stiffness = shaft.section_modulus * (1.0 + density) * (1.0 - 0.3 * shaft.runout)
    y, velocity = 0.0, 0.0
    dt = 1.0 / steps
    for _ in range(steps):  # expect: GIL001
        force = load_g * 0.00981 - stiffness * y
        velocity = 0.995 * velocity + force * dt * 40.0
        y += velocity * dt
    return y


class Grader:
    def __init__(self, densities: DensityTable, spines: SpineTable, **options):
        self.densities = densities
        self.spines = spines
        self.options = {**GRADER_CONFIG, **options}

    def grade(self, shaft: Shaft) -> Grade:
        density = self.densities.density(shaft.species)
        table = self.spines.lookup(shaft.length_in)
        deflection = simulate_deflection(shaft, density, self.options["steps"],
                                         self.options["load_g"])
        spine = min(table, key=lambda row: abs(row[0] - deflection))[1]
        letter = "A" if shaft.runout < 0.1 else "B" if shaft.runout < 0.25 else "C"
        return Grade(shaft.shaft_id, deflection, spine, letter)


def make_shafts(count: int) -> List[Shaft]:
    species = list(WOOD_DENSITY)
    return [Shaft(f"S{n:03d}", species[n % len(species)], 28 + n % 4,
                  8.0 + (n % 3) * 0.4, (n * 7 % 10) / 30.0) for n in range(count)]


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(threadName)s %(message)s")
    grader = Grader(DensityTable(load_density), SpineTable(GRADER_CONFIG["table_points"]))
    shafts = make_shafts(10)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=GRADER_CONFIG["workers"],
                            thread_name_prefix="grader") as pool:
        grades = list(pool.map(grader.grade, shafts))
    elapsed = time.perf_counter() - started

    by_letter: Dict[str, int] = {}
    for g in grades:
        by_letter[g.letter] = by_letter.get(g.letter, 0) + 1
        print(f"{g.shaft_id}: deflection {g.deflection:.4f} -> spine {g.spine_lbs} lb [{g.letter}]")
    print(f"grades {dict(sorted(by_letter.items()))}, spine tables built: {grader.spines.builds}")
    print(f"graded {len(grades)} shafts in {elapsed:.2f}s")


if __name__ == "__main__":
    main()
