"""Nightly power-curve fitting for a wind farm (IEC 61400-12 style binning).

For every turbine the SCADA history is binned by wind speed, the mean power per
bin is fitted with a cubic below rated wind, and the fit is compared with the
manufacturer's warranted curve.  Fits run on a thread pool; the residual anomaly
scan runs on a process pool.
"""
from __future__ import annotations

import functools
import logging
import math
import random
import time
from array import array
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Dict, List, Tuple

log = logging.getLogger("fleet.powercurve")

CONFIG = {
    "bin_width": 0.5,
    "cut_in_mps": 3.0,
    "rated_mps": 12.5,
    "rated_kw": 3600.0,
    "samples_per_turbine": 150_000,
    "workers": 4,
}
NBINS = 60
YEARS = 10
SITE_PRESSURE_PA = 99_500.0

CALLS: Dict[str, int] = defaultdict(int)
TIMINGS: Dict[str, List[float]] = defaultdict(list)


def timed(fn):
    """Record call counts and wall time of pipeline stages."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        CALLS[fn.__name__] += 1  # expect: GIL002
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            TIMINGS[fn.__name__].append(time.perf_counter() - started)

    return wrapper


@dataclass
class CurveFit:
    turbine_id: str
    coeffs: Tuple[float, float, float, float]
    bins_used: int
    samples: int

    def predict(self, wind: float) -> float:
        a, b, c, d = self.coeffs
        return a + b * wind + c * wind ** 2 + d * wind ** 3


@dataclass
class History:
    """Columnar historian export: wind (m/s), active power (kW), ambient temperature (K)."""
    wind: array
    power: array
    temp_k: array

    def __len__(self) -> int:
        return len(self.wind)


def generate_history(turbine_id: str, n: int, seed: int) -> History:
    """Synthetic 10-minute averages; stands in for the historian export."""
    rng = random.Random(seed)
    rated = CONFIG["rated_kw"]
    hist = History(array("d"), array("d"), array("d"))
    for _ in range(n // YEARS):  # ok: GIL001
        u = rng.random()
        wind = 9.0 * math.sqrt(-math.log(1.0 - u))  # Weibull, k = 2
        ideal = min(rated, 1.9 * max(0.0, wind - 2.5) ** 3)
        hist.wind.append(wind)
        hist.power.append(max(0.0, ideal + 80.0 * (u * 7919.0 % 1.0) - 40.0))
        hist.temp_k.append(278.0 + 12.0 * u)
    # The bench has one synthetic year; repeat it to get the full warranty period.
    return History(hist.wind * YEARS, hist.power * YEARS, hist.temp_k * YEARS)


def _solve4(m: List[List[float]], v: List[float]) -> List[float]:
    """Gaussian elimination for the 4x4 normal equations."""
    n = len(v)
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[piv] = m[piv], m[col]
        v[col], v[piv] = v[piv], v[col]
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            m[r] = [x - f * y for x, y in zip(m[r], m[col])]
            v[r] -= f * v[col]
    out = [0.0] * n
    for r in reversed(range(n)):
        out[r] = (v[r] - sum(m[r][k] * out[k] for k in range(r + 1, n))) / m[r][r]
    return out


@timed
def fit_power_curve(turbine_id: str, history: History, *,
                    bin_width: float, cut_in_mps: float, rated_mps: float, **_ignored) -> CurveFit:
    sums = [0.0] * NBINS
    counts = [0] * NBINS
    for wind, power, temp_k in zip(history.wind, history.power, history.temp_k):  # expect: GIL001
        rho = SITE_PRESSURE_PA / (287.05 * temp_k)
        wind_n = wind * (rho / 1.225) ** (1.0 / 3.0)  # IEC air-density normalisation
        if wind_n < cut_in_mps or wind_n > rated_mps:
            continue
        b = int(wind_n / bin_width)
        sums[b] += power  # ok: GIL002
        counts[b] += 1  # ok: GIL002
    points = [((b + 0.5) * bin_width, sums[b] / counts[b]) for b in range(NBINS) if counts[b] >= 5]
    ata = [[sum(x ** (i + j) for x, _ in points) for j in range(4)] for i in range(4)]
    aty = [sum(y * x ** i for x, y in points) for i in range(4)]
    coeffs = _solve4(ata, aty)
    return CurveFit(turbine_id, tuple(coeffs), len(points), len(history))


@timed
def residual_scan(turbine_id: str, coeffs: Tuple[float, ...], seed: int, n: int) -> Tuple[str, int]:
    """Count 10-minute periods far below the fitted curve (icing, yaw misalignment)."""
    a, b, c, d = coeffs
    rng = random.Random(seed + 1000)
    flagged = 0
    for _ in range(n):  # ok: GIL001
        wind = rng.uniform(CONFIG["cut_in_mps"], CONFIG["rated_mps"])
        expected = a + b * wind + c * wind * wind + d * wind ** 3
        observed = 1.9 * (wind - 2.5) ** 3 * (0.6 if rng.random() < 0.01 else 1.0)
        if observed < 0.7 * expected:
            flagged += 1
    return turbine_id, flagged


def fit_fleet(histories: Dict[str, History]) -> Dict[str, CurveFit]:
    fits: Dict[str, CurveFit] = {}
    summary = {"fits": 0, "samples": 0}
    with ThreadPoolExecutor(max_workers=CONFIG["workers"], thread_name_prefix="fit") as pool:
        futures = {pool.submit(fit_power_curve, tid, hist, **CONFIG): tid
                   for tid, hist in histories.items()}
        for fut in as_completed(futures):
            fit = fut.result()
            fits[fit.turbine_id] = fit
            summary["fits"] += 1  # ok: GIL002
            summary["samples"] += fit.samples
    log.info("fitted %(fits)d turbines over %(samples)d samples", summary)
    return fits


def scan_fleet(fits: Dict[str, CurveFit], n: int) -> Dict[str, int]:
    with ProcessPoolExecutor(max_workers=2) as procs:
        jobs = [procs.submit(residual_scan, tid, fit.coeffs, i, n)
                for i, (tid, fit) in enumerate(sorted(fits.items()))]
        return dict(job.result() for job in jobs)


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    turbines = [f"WTG-{n:02d}" for n in range(1, 5)]
    started = time.perf_counter()
    histories = {tid: generate_history(tid, CONFIG["samples_per_turbine"], seed=i)
                 for i, tid in enumerate(turbines)}
    fits = fit_fleet(histories)
    flagged = scan_fleet(fits, n=40_000)
    for tid in turbines:
        fit = fits[tid]
        print(f"{tid}: {fit.bins_used} bins, P(10 m/s) = {fit.predict(10.0):7.1f} kW, "
              f"underperforming periods = {flagged[tid]}")
    print(f"fit calls: {CALLS['fit_power_curve']}, total {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
