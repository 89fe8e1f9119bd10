"""Monthly temperature anomalies for six weather stations (40 years of 3-hourly readings each),
one ThreadPoolExecutor task per station: the quality-control loop is pure Python and holds the GIL."""
import math
import random
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

YEARS = range(1981, 2021)                 # 40 years
DAYS = 365
OBS_PER_DAY = 8                           # every 3 hours -> 116_800 readings per station
BASELINE_YEARS = 30                       # 1981-2010 normals
SPIKE_C = 9.0                             # reject jumps larger than this between readings
MONTH_LENGTHS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
DIURNAL = (-3.0, -3.5, -1.0, 2.0, 3.5, 3.0, 0.5, -1.5)
MONTH_OF_DAY = [m for m, n in enumerate(MONTH_LENGTHS) for _ in range(n)]
STATIONS = {"Reykjavik": 4.5, "Bergen": 7.8, "De Bilt": 10.1, "Vienna": 10.4, "Madrid": 15.0,
            "Valletta": 19.3}


def synthesize(name, mean_c):
    rng = random.Random(name)
    readings = []
    for y in YEARS:  # ok: GIL001
        trend = (y - YEARS[0]) * 0.03
        for d in range(DAYS):
            seasonal = 9.0 * math.sin(2 * math.pi * (d - 105) / DAYS)
            for h in range(OBS_PER_DAY):
                value = mean_c + seasonal + trend + DIURNAL[h] + (rng.random() - 0.5) * 5.0
                if rng.random() < 0.0005:
                    value += 30.0                 # sensor glitch
                readings.append(value)
    return readings


def quality_controlled_monthly(readings):
    sums = [[0.0] * 12 for _ in YEARS]
    counts = [[0] * 12 for _ in YEARS]
    diurnal_range = [0.0] * 12
    rejected = 0
    prev = readings[0]
    day_lo, day_hi = prev, prev
    for i, t in enumerate(readings):  # expect: GIL001
        if abs(t - prev) > SPIKE_C:
            rejected += 1  # ok: GIL002
            continue
        year = i // (DAYS * OBS_PER_DAY)
        month = MONTH_OF_DAY[(i // OBS_PER_DAY) % DAYS]
        sums[year][month] += t  # ok: GIL002
        counts[year][month] += 1  # ok: GIL002
        day_lo, day_hi = min(day_lo, t), max(day_hi, t)
        if i % OBS_PER_DAY == OBS_PER_DAY - 1:
            diurnal_range[month] += day_hi - day_lo
            day_lo, day_hi = t, t
        prev = t
    monthly = [[s / c for s, c in zip(sums[y], counts[y])] for y in range(len(YEARS))]
    days_per_month = [n * len(YEARS) for n in MONTH_LENGTHS]
    return monthly, [r / n for r, n in zip(diurnal_range, days_per_month)], rejected


def station_report(name, readings):
    monthly, diurnal, rejected = quality_controlled_monthly(readings)
    normals = [sum(monthly[y][m] for y in range(BASELINE_YEARS)) / BASELINE_YEARS for m in range(12)]  # ok: GIL001
    last_decade = [monthly[y][m] - normals[m] for y in range(len(YEARS) - 10, len(YEARS)) for m in range(12)]
    return name, sum(last_decade) / len(last_decade), max(diurnal), rejected


if __name__ == "__main__":
    records = {name: synthesize(name, mean_c) for name, mean_c in STATIONS.items()}
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = [pool.submit(station_report, name, readings) for name, readings in records.items()]
        for fut in as_completed(futures):
            name, anomaly, widest, rejected = fut.result()
            print(f"{name:10s} 2011-2020 anomaly {anomaly:+.2f} C, widest mean daily range "
                  f"{widest:.1f} C ({rejected} readings rejected)")
    print(f"analysed {len(records) * len(YEARS) * DAYS * OBS_PER_DAY} readings "
          f"in {time.perf_counter() - start:.3f}s")
