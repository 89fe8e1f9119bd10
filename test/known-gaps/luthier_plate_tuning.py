"""Luthier plate tuning.

Spruce tops and maple backs are graduated (thinned with the finger plane)
until their tap tone reaches the target pitch.  The workshop models the
graduation of every plate on a thread pool, weighs the finished plate on the
shared scale and keeps a running total of wood mass for the order book.
"""
import logging
import math
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("luthier.plates")

GRID = (36, 18)
WORKSHOP = {"max_passes": 600, "plane_mm": 0.004, "workers": 4}


class ScaleDrift(Exception):
    pass


@dataclass
class Plate:
    serial: str
    wood: str
    k: float
    min_mm: float
    thickness: list = field(default_factory=list)
    weights: list = field(default_factory=list)

    @classmethod
    def rough(cls, serial: str, wood: str, seed: int, **kw) -> "Plate":
        rng = random.Random(seed)
        cells = GRID[0] * GRID[1]
        thickness = [rng.uniform(4.2, 4.8) for _ in range(cells)]
        weights = [1.0 + 0.5 * math.sin(math.pi * (i % GRID[0]) / GRID[0]) for i in range(cells)]
        return cls(serial, wood, thickness=thickness, weights=weights, **kw)

    @property
    def density(self) -> float:
        return 0.42 if self.wood == "spruce" else 0.62


class Scale:
    def __init__(self, drift_every: int = 0) -> None:
        self.readings = 0
        self.drift_every = drift_every

    def read(self, plate: Plate) -> float:
        time.sleep(0.002)  # let the pan settle
        if self.drift_every and self.readings % self.drift_every == self.drift_every - 1:
            raise ScaleDrift(plate.serial)
        return round(sum(plate.thickness) * plate.density * 0.06, 1)


def graduate(plate: Plate, target_hz: float, max_passes: int, plane_mm: float) -> tuple:
    t = list(plate.thickness)
    freq = 0.0
    passes = 0
    for passes in range(1, max_passes + 1):  # expect: GIL001
        stiffness = mass = 0.0
        for i, th in enumerate(t):
            stiffness += plate.weights[i] * th ** 3
            mass += th
        freq = plate.k * math.sqrt(stiffness / mass)
        if freq <= target_hz:
            break
        for i in range(len(t)):
            if t[i] > plate.min_mm:
                t[i] -= plane_mm * plate.weights[i]  # ok: GIL002
    plate.thickness = t
    return passes, round(freq, 1)


class PlateTuner:
    target_hz = {"spruce": 350.0, "maple": 370.0}

    def __init__(self, scale: Scale, **settings) -> None:
        self.scale = scale
        self.settings = settings
        self.total_mass_g = 0.0
        self._scale_lock = threading.Lock()

    def target_for(self, plate: Plate) -> float:
        return self.target_hz[plate.wood]

    def weigh(self, plate: Plate):
        self._scale_lock.acquire()  # expect: GIL005
        try:
            grams = self.scale.read(plate)
        except ScaleDrift:
            log.warning("scale drifted while weighing %s", plate.serial)
            return None
        self._scale_lock.release()
        return grams

    def tune(self, plate: Plate) -> dict:
        passes, freq = graduate(plate, self.target_for(plate), self.settings["max_passes"],
                                self.settings["plane_mm"])
        self.total_mass_g += self.weigh(plate) or 0.0  # expect: GIL002
        return {"serial": plate.serial, "passes": passes, "tap_hz": freq}


class ViolinTopTuner(PlateTuner):
    def target_for(self, plate: Plate) -> float:
        # tops for a darker-voiced model are left a semitone lower
        return super().target_for(plate) * (0.944 if plate.serial.endswith("D") else 1.0)


def plate_orders() -> list:
    orders = []
    for n in range(6):
        wood = "spruce" if n % 2 == 0 else "maple"
        serial = f"{41 + n // 2}-{'T' if wood == 'spruce' else 'B'}{'D' if n == 4 else ''}"
        orders.append(Plate.rough(serial, wood, seed=n, k=92.0, min_mm=2.4 if wood == "spruce" else 2.6))
    return orders


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    plates = plate_orders()
    tuner = ViolinTopTuner(Scale(), **WORKSHOP)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=WORKSHOP["workers"], thread_name_prefix="bench") as pool:
        results = list(pool.map(lambda p: tuner.tune(p), plates))
    for r in results:
        log.info("%-6s %3d passes, tap tone %.1f Hz", r["serial"], r["passes"], r["tap_hz"])
    log.info("total plate mass %.1f g; tuned %d plates in %.2fs",
             tuner.total_mass_g, len(results), time.perf_counter() - started)


if __name__ == "__main__":
    main()
