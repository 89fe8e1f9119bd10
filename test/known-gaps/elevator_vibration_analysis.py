"""Ride-quality (vibration) analysis for elevator cars.

Each car carries an accelerometer; once a night the traces of the day's
test runs are analysed: a discrete Fourier transform over the band that
matters for ride comfort, the dominant frequency, and the energy near the
guide-roller frequency, which rises when rollers wear out.
"""
import functools
import logging
import math
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Dict, List, Optional

log = logging.getLogger("elevator.vibration")

ANALYSIS_CFG = {"rate_hz": 512, "band": (1, 80), "roller_hz": 22.0, "alarm_ratio": 1.8}


@dataclass
class Trace:
    car_id: str
    samples: List[float]


@dataclass
class RideReport:
    car_id: str
    dominant_hz: float
    roller_energy: float
    total_energy: float

    @property
    def roller_share(self) -> float:
        return self.roller_energy / self.total_energy if self.total_energy else 0.0


def timed(label: str):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            result = fn(*args, **kwargs)
            log.debug("%s %s took %.1f ms", label, getattr(result, "car_id", "?"),
                      1000 * (time.perf_counter() - t0))
            return result
        return wrapper
    return decorate


class AlarmRegistry:
    """One open alarm per car; analysis tasks raise them concurrently."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.alarms: Dict[str, str] = {}
        self.sequence = 0

    def raise_alarm(self, car_id: str, reason: str) -> bool:
        self._lock.acquire()  # ok: GIL005
        try:
            if car_id in self.alarms:  # ok: GIL003
                return False
            self.sequence += 1  # ok: GIL002
            self.alarms[car_id] = f"VIB-{self.sequence:04d}: {reason}"
            return True
        finally:
            self._lock.release()


class SpectrumAnalyzer:
    def __init__(self, alarms: AlarmRegistry, baseline: Dict[int, float], **cfg) -> None:
        self.cfg = {**ANALYSIS_CFG, **cfg}
        self.alarms = alarms
        self.baseline = baseline
        self.analysed = 0

    def power_spectrum(self, samples: List[float]) -> Dict[int, float]:
        n = len(samples)
        lo, hi = self.cfg["band"]
        out = {}
        for k in range(lo, hi):  # expect: GIL001
            re = im = 0.0
            w = 2.0 * math.pi * k / n
            for t, x in enumerate(samples):
                re += x * math.cos(w * t)
                im -= x * math.sin(w * t)
            out[k] = (re * re + im * im) / n
        return out

    @timed("analyse")
    def analyse(self, trace: Trace) -> RideReport:
        spectrum = self.power_spectrum(trace.samples)
        hz_per_bin = self.cfg["rate_hz"] / len(trace.samples)
        dominant = max(spectrum, key=spectrum.get)
        roller_bin = round(self.cfg["roller_hz"] / hz_per_bin)
        roller = sum(spectrum.get(b, 0.0) for b in range(roller_bin - 2, roller_bin + 3))
        report = RideReport(trace.car_id, dominant * hz_per_bin, roller, sum(spectrum.values()))
        expected = self.baseline.get(roller_bin, 0.0) or 1e-9
        if roller / expected > self.cfg["alarm_ratio"]:
            self.alarms.raise_alarm(trace.car_id, f"roller energy x{roller / expected:.1f}")
        self.analysed += 1  # expect: GIL002
        return report


def synth_trace(car_id: str, n: int, rate: int, roller_amp: float, rng: random.Random) -> Trace:
    samples = [0.05 * math.sin(2 * math.pi * 3.0 * t / rate)
               + roller_amp * math.sin(2 * math.pi * 22.0 * t / rate)
               + rng.gauss(0, 0.01) for t in range(n)]
    return Trace(car_id, samples)


def fleet_baseline(reference: Trace, cfg: dict) -> Dict[int, float]:
    """Spectrum of a freshly serviced car, computed once in the main thread."""
    n = len(reference.samples)
    lo, hi = cfg["band"]
    base = {}
    for k in range(lo, hi):  # ok: GIL001
        re = sum(x * math.cos(2 * math.pi * k * t / n) for t, x in enumerate(reference.samples))
        im = sum(x * math.sin(2 * math.pi * k * t / n) for t, x in enumerate(reference.samples))
        base[k] = (re * re + im * im) / n
    return {k: sum(base.get(j, 0.0) for j in range(k - 2, k + 3)) for k in base}


def nightly_run(car_ids: List[str], n_samples: int = 1024, workers: int = 2) -> None:
    rng = random.Random(2024)
    rate = ANALYSIS_CFG["rate_hz"]
    reference = synth_trace("REF", n_samples, rate, 0.01, rng)
    baseline = fleet_baseline(reference, ANALYSIS_CFG)
    traces = [synth_trace(c, n_samples, rate, rng.choice([0.01, 0.012, 0.03]), rng) for c in car_ids]
    alarms = AlarmRegistry()
    analyzer = SpectrumAnalyzer(alarms, baseline)
    fleet_energy = 0.0
    worst: Optional[RideReport] = None
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fft") as pool:
        futures = {pool.submit(analyzer.analyse, tr): tr.car_id for tr in traces}
        for fut in as_completed(futures):
            report = fut.result()
            fleet_energy += report.total_energy  # ok: GIL002
            if worst is None or report.roller_share > worst.roller_share:
                worst = report
    print(f"analysed {analyzer.analysed} cars, fleet energy {fleet_energy:.4f}")
    print(f"worst ride: {worst.car_id} dominant {worst.dominant_hz:.1f} Hz, roller share {worst.roller_share:.2f}")
    for car, alarm in sorted(alarms.alarms.items()):
        print(f"  {car}: {alarm}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    t0 = time.perf_counter()
    nightly_run([f"T{tower}-{car}" for tower in (1, 2) for car in range(1, 4)])
    print(f"nightly run took {time.perf_counter() - t0:.2f}s")
