"""Thimble dimple layout: place the knurled dimples for each thimble size and check spacing.

Pattern classes (spiral or rows) are chosen from the size table by a factory;
one LayoutJob callable per size is kept in a dict and handed to its own thread.
The minimum-spacing check lives in a property of the pattern.
"""
import math
import threading
from dataclasses import dataclass

THIMBLE_SIZES = {
    "6": {"diameter_mm": 15.0, "height_mm": 19.0, "pattern": "spiral", "dimples": 720},
    "8": {"diameter_mm": 16.0, "height_mm": 20.0, "pattern": "spiral", "dimples": 760},
    "10": {"diameter_mm": 17.0, "height_mm": 21.0, "pattern": "rows", "dimples": 760},
    "12": {"diameter_mm": 18.0, "height_mm": 22.0, "pattern": "rows", "dimples": 800},
}
MIN_SPACING_MM = 0.35
PRESS_DEPTHS = {"spiral": 0.18, "rows": 0.22}

PATTERN_TYPES = {}


def pattern_type(name):
    def deco(cls):
        PATTERN_TYPES[name] = cls
        return cls
    return deco


class DimplePattern:
    def __init__(self, diameter_mm, height_mm, dimples):
        self.radius = diameter_mm / 2
        self.height = height_mm
        self.dimples = dimples
        self._points = None

    def positions(self):
        raise NotImplementedError

    @property
    def points(self):
        if self._points is None:  # ok: GIL003 -- each pattern object belongs to one LayoutJob and its thread
            self._points = list(self.positions())
        return self._points

    @property
    def min_spacing(self):
        pts = self.points
        return min([math.dist(a, b) for i, a in enumerate(pts) for b in pts[i + 1:]])  # expect: GIL001 -- 260k-320k pairwise distances per size, computed on the layout thread


@pattern_type("spiral")
class SpiralPattern(DimplePattern):
    def positions(self):
        golden = math.pi * (3 - math.sqrt(5))
        for k in range(self.dimples):  # ok: GIL001 -- a few hundred points, cheap generator
            z = self.height * k / self.dimples
            theta = k * golden
            yield (self.radius * math.cos(theta), self.radius * math.sin(theta), z)


@pattern_type("rows")
class RowPattern(DimplePattern):
    per_row = 40

    def positions(self):
        rows = max(1, self.dimples // self.per_row)
        for k in range(rows * self.per_row):  # ok: GIL001 -- a few hundred points, cheap generator
            row, col = divmod(k, self.per_row)
            theta = 2 * math.pi * (col + 0.5 * (row % 2)) / self.per_row
            yield (self.radius * math.cos(theta), self.radius * math.sin(theta), self.height * row / rows)


@dataclass
class Summary:
    lock: threading.RLock
    total_dimples: int = 0
    rejected: int = 0

    def add(self, count, ok):
        self.total_dimples += count  # ok: GIL002 -- add() is only ever called with summary.lock held by the caller
        if not ok:
            self.rejected += 1  # ok: GIL002 -- add() is only ever called with summary.lock held by the caller


class DimplePress:
    def __init__(self, depths):
        self._press_lock = threading.Lock()
        self.depths = depths
        self.strokes = 0

    def stamp(self, kind, count):
        self._press_lock.acquire()  # expect: GIL005 -- the except branch returns with the press lock still held
        try:
            depth = self.depths[kind]
        except KeyError:
            return None
        self.strokes += count  # ok: GIL002 -- _press_lock is held on the only path that reaches it
        self._press_lock.release()
        return depth


class LayoutJob:
    def __init__(self, size, pattern, press, summary, results):
        self.size = size
        self.pattern = pattern
        self.press = press
        self.summary = summary
        self.results = results
        self.checks = 0

    def __call__(self):
        spacing = self.pattern.min_spacing
        self.checks += 1  # ok: GIL002 -- each LayoutJob runs on exactly one thread
        ok = spacing >= MIN_SPACING_MM
        depth = self.press.stamp(self.kind, len(self.pattern.points)) if ok else None
        with self.summary.lock:
            self.summary.add(len(self.pattern.points), ok)
        self.results[self.size] = (round(spacing, 3), ok, depth)

    @property
    def kind(self):
        return next(name for name, cls in PATTERN_TYPES.items() if isinstance(self.pattern, cls))


def make_pattern(cfg):
    return PATTERN_TYPES[cfg["pattern"]](cfg["diameter_mm"], cfg["height_mm"], cfg["dimples"])


def main():
    press = DimplePress(PRESS_DEPTHS)
    summary = Summary(threading.RLock())
    results = {}
    jobs = {size: LayoutJob(size, make_pattern(cfg), press, summary, results) for size, cfg in THIMBLE_SIZES.items()}
    threads = [threading.Thread(target=job, name=f"layout-{size}") for size, job in jobs.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for size in THIMBLE_SIZES:
        spacing, ok, depth = results[size]
        print(f"size {size:>2}: min spacing {spacing} mm  {'ok' if ok else 'too tight'}  depth={depth}")
    print(f"dimples={summary.total_dimples} rejected={summary.rejected} strokes={press.strokes}")


if __name__ == "__main__":
    main()
