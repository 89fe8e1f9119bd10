"""Clicking room: estimating and nesting harness pieces on the week's hides.

Each hide is rasterised at CUTTING["cells_per_inch"].  A quick estimate of the
sound leather on each hide (outline minus flaws) is made in a thread pool
while the clicker tries a sample piece on the press; the full nesting of the
pattern pieces is slow and goes to a process pool.  Hide classes are chosen
from the config by kind; cow sides have their bellies trimmed by a mixin.
"""
import math
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from functools import partial
import threading

CUTTING = {
    "cells_per_inch": 6,
    "hides": [
        {"kind": "cow side", "tannery": "Bevingtons", "length_in": 64, "width_in": 36, "flaws": 5},
        {"kind": "bridle butt", "tannery": "Sedgwick", "length_in": 52, "width_in": 40, "flaws": 2},
        {"kind": "cow side", "tannery": "Sedgwick", "length_in": 60, "width_in": 34, "flaws": 6},
        {"kind": "shoulder", "tannery": "Bevingtons", "length_in": 44, "width_in": 30, "flaws": 3},
    ],
    "pieces": {"trace": (60, 2), "rein": (54, 2), "breeching strap": (36, 3), "cheek piece": (10, 4)},
    "press_bed_sq_in": 2600,
}
_OUTLINE_CACHE = {}


class Hide:
    kinds = {}

    def __init_subclass__(cls, kind=None, **kw):
        super().__init_subclass__(**kw)
        if kind:
            Hide.kinds[kind] = cls

    def __init__(self, tannery, length_in, width_in, flaws, cpi):
        self.tannery, self.cpi, self.flaws = tannery, cpi, flaws
        self.length_in, self.width_in = length_in, width_in
        self.cols, self.rows = length_in * cpi, width_in * cpi

    @classmethod
    def from_spec(cls, spec, cpi):
        spec = dict(spec)
        return cls.kinds[spec.pop("kind")](cpi=cpi, **spec)

    @property
    def label(self):
        return f"{type(self).__name__}/{self.tannery}/{self.length_in}x{self.width_in}"

    @property
    def area_sq_in(self):
        return math.pi * self.length_in * self.width_in / 4

    def inside(self, x, y):
        dx, dy = (x - self.cols / 2) / (self.cols / 2), (y - self.rows / 2) / (self.rows / 2)
        return dx * dx + dy * dy <= 1.0

    def flaw_spots(self):
        return [((37 * i) % self.cols, (53 * i) % self.rows, (2 + i % 3) * self.cpi) for i in range(1, self.flaws + 1)]

    @staticmethod
    def sound(x, y, spots):
        return all((x - fx) ** 2 + (y - fy) ** 2 > r * r for fx, fy, r in spots)

    def cells(self):
        for y in range(self.rows):
            for x in range(self.cols):
                yield x, y

    @property
    def usable_cells(self):
        spots = self.flaw_spots()
        return sum(1 for x, y in self.cells() if self.inside(x, y) and self.sound(x, y, spots))  # expect: GIL001 -- rows x cols cells with flaw tests, tens of ms in each estimate thread


class BellyTrimMixin:
    """The belly edge of a side is thin and stretchy: the clicker never uses it."""

    def inside(self, x, y):
        return super().inside(x, y) and y > self.rows * 0.15


class CowSide(BellyTrimMixin, Hide, kind="cow side"):
    pass


class BridleButt(Hide, kind="bridle butt"):
    def inside(self, x, y):
        return 2 <= x < self.cols - 2 and 2 <= y < self.rows - 2

    @property
    def area_sq_in(self):
        return self.length_in * self.width_in


class Shoulder(Hide, kind="shoulder"):
    pass


class CuttingRoom:
    def __init__(self, cfg):
        self.cfg = cfg
        self.sound_by_tannery = defaultdict(float)
        self.press = threading.Lock()
        self.clicks = 0
        self.samples = []

    def record(self, hide, sq_in):
        self.sound_by_tannery[hide.tannery] += sq_in  # expect: GIL002 -- hides of one tannery are estimated on two pool threads at once

    def click_sample(self, hide):
        self.press.acquire()  # expect: GIL005 -- the oversize hide raises before release()
        if hide.area_sq_in > self.cfg["press_bed_sq_in"]:
            raise ValueError(f"{hide.label} does not fit the press bed")
        self.clicks += 1  # ok: GIL002 -- the press lock is held
        self.samples.append(hide.label)
        self.press.release()


def estimate(room, hide):
    sq_in = hide.usable_cells / hide.cpi ** 2
    room.record(hide, sq_in)
    room.click_sample(hide)
    return hide.label, round(sq_in, 1)


def nest(spec, cpi, pieces):
    """First-fit nesting of the pattern pieces; runs in a worker process."""
    hide = Hide.from_spec(spec, cpi)
    key = (spec["kind"], spec["length_in"], spec["width_in"])
    if key not in _OUTLINE_CACHE:  # ok: GIL003 -- module cache inside a single-threaded worker process
        _OUTLINE_CACHE[key] = [[hide.inside(x, y) for x in range(hide.cols)] for y in range(hide.rows)]
    free = [row[:] for row in _OUTLINE_CACHE[key]]
    placed = []
    for name, (length, count) in pieces.items():  # ok: GIL001 -- heavy scan, but nest() runs in the ProcessPoolExecutor
        span, band = length * cpi, cpi
        for _ in range(count):
            spot = next(((x, y) for y in range(0, hide.rows - band, band) for x in range(hide.cols - span)
                         if free[y][x] and free[y][x + span - 1] and free[y + band - 1][x]), None)
            if spot is None:
                break
            x, y = spot
            for yy in range(y, y + band):
                free[yy][x:x + span] = [False] * span
            placed.append(name)
    return spec["tannery"], spec["kind"], placed


def main(cfg=CUTTING):
    room = CuttingRoom(cfg)
    hides = [Hide.from_spec(spec, cfg["cells_per_inch"]) for spec in cfg["hides"]]
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="estimator") as pool:
        estimates = list(pool.map(partial(estimate, room), hides))
    for label, sq_in in estimates:
        print(f"{label:36s} sound leather {sq_in:7.1f} sq in")
    print(f"by tannery {dict(room.sound_by_tannery)}; samples clicked {room.clicks}")
    job = partial(nest, cpi=cfg["cells_per_inch"], pieces=cfg["pieces"])
    with ProcessPoolExecutor(max_workers=2) as procs:
        for tannery, kind, placed in procs.map(job, cfg["hides"]):
            print(f"  {kind:11s} from {tannery:10s}: {len(placed)} pieces ({', '.join(placed)})")


if __name__ == "__main__":
    main()
