"""ETCS-style braking supervision: braking curves per train category are pre-computed on a thread pool,
then used to pick signal aspects. A timer-driven watchdog checks that every signal reported recently.
"""
import logging
import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

logging.basicConfig(level=logging.WARNING, format="%(threadName)s %(message)s")
log = logging.getLogger("atp")

PROFILES_CFG = {
    "dt_s": 0.01,
    "speeds_kmh": list(range(40, 201, 20)),
    "categories": {"freight": (0.35, 1.6), "regional": (0.8, 1.1), "intercity": (0.9, 0.9),
                   "hsr": (1.0, 0.7)},
    "watchdog_s": 0.03,
}
SIGNALS = ["S101", "S102", "S103", "S104", "S105", "S106"]


@dataclass(frozen=True)
class BrakeProfile:
    category: str
    decel_ms2: float
    reaction_s: float


@dataclass
class BrakingCurve:
    category: str
    points: List[Tuple[float, float]] = field(default_factory=list)  # (speed km/h, distance m)

    def distance_for(self, speed_kmh: float) -> float:
        for v, d in self.points:
            if v >= speed_kmh:
                return d
        return math.inf


def resistance(v: float) -> float:
    """Davis equation (per unit mass) for running resistance in m/s^2."""
    return 0.0065 + 0.00012 * v + 0.0000065 * v * v


class CurveStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._curves: Dict[str, BrakingCurve] = {}
        self.curves_computed = 0

    def put(self, curve: BrakingCurve) -> None:
        self._lock.acquire()  # ok: GIL005
        try:
            self._curves[curve.category] = curve
        finally:
            self._lock.release()

    def aspect_for(self, category: str, speed_kmh: float, distance_m: float) -> str:
        self._lock.acquire()  # expect: GIL005
        curve = self._curves.get(category)
        if curve is None:
            return "RED"
        needed = curve.distance_for(speed_kmh)
        self._lock.release()
        if needed <= distance_m * 0.5:
            return "GREEN"
        return "YELLOW" if needed <= distance_m else "RED"


class CurveCalculator:
    def __init__(self, store: CurveStore, speeds: List[int], dt: float) -> None:
        self.store = store
        self.speeds = speeds
        self.dt = dt

    def compute(self, profile: BrakeProfile) -> BrakingCurve:
        curve = BrakingCurve(profile.category)
        for v0_kmh in self.speeds:  # expect: GIL001
            v = v0_kmh / 3.6
            dist = v * profile.reaction_s
            while v > 0:
                a = profile.decel_ms2 + resistance(v)
                step = min(v, a * self.dt / 4)
                dist += (v - step / 2) * self.dt / 4
                v -= step
            curve.points.append((float(v0_kmh), round(dist, 1)))
        self.store.put(curve)
        self.store.curves_computed += 1  # expect: GIL002
        return curve


class Watchdog:
    """Periodic checks (one threading.Timer per slot) that each signal reported within the timeout."""

    def __init__(self, heartbeats: Dict[str, float], period: float, timeout: float,
                 checks: int = 4) -> None:
        self.heartbeats = heartbeats
        self.period = period
        self.timeout = timeout
        self.alarms: List[str] = []
        self._timers = [threading.Timer(period * (k + 1), self._check) for k in range(checks)]

    def _check(self) -> None:
        now = time.monotonic()
        for sig in SIGNALS:  # ok: GIL001
            if now - self.heartbeats.get(sig, 0.0) > self.timeout:
                self.alarms.append(sig)

    def __enter__(self) -> "Watchdog":
        for timer in self._timers:
            timer.daemon = True
            timer.start()
        return self

    def __exit__(self, *exc) -> None:
        for timer in self._timers:
            timer.cancel()


def build_profiles(cfg: dict) -> List[BrakeProfile]:
    return [BrakeProfile(name, decel, reaction)
            for name, (decel, reaction) in cfg["categories"].items()]


def main(cfg: dict) -> None:
    store = CurveStore()
    calc = CurveCalculator(store, cfg["speeds_kmh"], cfg["dt_s"])
    heartbeats = {sig: time.monotonic() for sig in SIGNALS}
    started = time.perf_counter()
    with Watchdog(heartbeats, cfg["watchdog_s"], timeout=1.0) as dog:
        with ThreadPoolExecutor(max_workers=len(cfg["categories"])) as pool:
            curves = list(pool.map(calc.compute, build_profiles(cfg)))
        time.sleep(cfg["watchdog_s"] * 2)
    print(f"{store.curves_computed} curves in {time.perf_counter() - started:.2f}s, "
          f"watchdog alarms: {dog.alarms}")
    for curve in curves:
        print(f"  {curve.category:9s} 160 km/h -> {curve.distance_for(160):7.1f} m")
    for category in cfg["categories"]:
        print(f"  aspect for {category} at 160 km/h with 2500 m: "
              f"{store.aspect_for(category, 160, 2500)}")


if __name__ == "__main__":
    main(PROFILES_CFG)
