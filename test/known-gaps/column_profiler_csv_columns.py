# Models a column profiler that summarises a CSV extract of weather-station readings.
"""Profile numeric columns of a CSV extract with a thread pool, one column per task."""

import csv
import io
import math
import random
import threading
from concurrent.futures import ThreadPoolExecutor

N_ROWS = 40_000
UNITS = {
    "temp": "C",
    "dewpoint": "C",
    "humidity": "%",
    "cloud": "%",
    "pressure": "hPa",
    "wind": "m/s",
}
COLUMNS = list(UNITS)


def build_extract(n_rows, seed):
    """Render a CSV extract with a few blank cells, as exported by the station logger."""
    rng = random.Random(seed)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(COLUMNS)
    for _ in range(n_rows):  # ok: GIL001
        row = [f"{rng.gauss(12, 6):.2f}", f"{rng.gauss(6, 4):.2f}", f"{rng.uniform(20, 100):.1f}",
               f"{rng.uniform(0, 100):.0f}", f"{rng.gauss(1013, 9):.1f}", f"{rng.expovariate(0.3):.2f}"]
        if rng.random() < 0.02:
            row[rng.randrange(len(row))] = ""
        writer.writerow(row)
    return buf.getvalue()


class ColumnProfiler:
    """Computes count, mean, std, min and max per column."""

    def __init__(self, columns):
        self.columns = columns
        self.summaries = {}
        self.formats = {}
        self.missing_total = 0
        self.profiled = 0
        self._lock = threading.Lock()

    def unit_format(self, unit):
        return "{:.1f} " + unit if unit != "%" else "{:.0f}%"

    def profile_column(self, name):
        values = self.columns[name]
        n = 0
        total = 0.0
        total_sq = 0.0
        lo = math.inf
        hi = -math.inf
        for raw in values:  # expect: GIL001
            if not raw:
                self.missing_total = self.missing_total + 1  # expect: GIL002
                continue
            v = float(raw)
            n += 1
            total += v
            total_sq += v * v
            if v < lo:
                lo = v
            if v > hi:
                hi = v
        unit = UNITS[name]
        if unit not in self.formats:  # expect: GIL003
            self.formats[unit] = self.unit_format(unit)
        mean = total / n
        std = math.sqrt(max(total_sq / n - mean * mean, 0.0))
        self.summaries[name] = (n, mean, std, lo, hi)
        with self._lock:
            self.profiled += 1  # ok: GIL002
        return name

    def render(self):
        lines = []
        for name in COLUMNS:  # ok: GIL001
            n, mean, std, lo, hi = self.summaries[name]
            fmt = self.formats[UNITS[name]]
            lines.append(f"{name:>9} n={n} mean={fmt.format(mean)} std={std:.2f} range=({lo:.1f}, {hi:.1f})")
        return "\n".join(lines)


def main():
    text = build_extract(N_ROWS, seed=11)
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    columns = {name: [] for name in header}
    for row in reader:  # ok: GIL001
        for name, cell in zip(header, row):
            columns[name].append(cell)
    profiler = ColumnProfiler(columns)
    with ThreadPoolExecutor(max_workers=3) as pool:
        done = list(pool.map(profiler.profile_column, COLUMNS))
        report = pool.submit(profiler.render).result()
    print(f"profiled {len(done)} columns, {profiler.missing_total} blank cells")
    print(report)


if __name__ == "__main__":
    main()
