"""Glacier melt model: degree-day melt for glacier segments, run on a thread pool."""
import math
from concurrent.futures import ThreadPoolExecutor

HOURS = 150_000          # hourly air temperatures per segment (~17 years)
DEGREE_DAY_FACTOR = 0.0045  # metres water equivalent per positive degree-hour
SEGMENTS = [
    ("Aletsch-upper", "Rhone", 2.0),
    ("Aletsch-lower", "Rhone", 4.5),
    ("Gorner-west", "Rhone", 1.5),
    ("Rhone-snout", "Rhone", 5.0),
    ("Morteratsch", "Inn", 3.0),
    ("Pers", "Inn", 2.5),
]

melt_by_basin = {"Rhone": 0.0, "Inn": 0.0}


def degree_day_melt(temps, factor):
    melt = 0.0
    for t in temps:  # expect: GIL001
        if t > 0.0:
            melt += t * factor
    return melt


def model_segment(segment):
    name, basin, base_temp = segment
    temps = [base_temp + 8.0 * math.sin(h * 0.000717) - 3.0 for h in range(HOURS)]  # expect: GIL001
    melt = degree_day_melt(temps, DEGREE_DAY_FACTOR)
    melt_by_basin[basin] += melt  # expect: GIL002
    return name, melt


def main():
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(model_segment, SEGMENTS))
    grand_total = 0.0
    for name, melt in results:
        grand_total += melt  # ok: GIL002
        print(f"{name:14s} {melt:10.1f} m w.e.")
    for basin, melt in melt_by_basin.items():
        print(f"basin {basin}: {melt:.1f}")
    print(f"all segments: {grand_total:.1f}")


if __name__ == "__main__":
    main()
