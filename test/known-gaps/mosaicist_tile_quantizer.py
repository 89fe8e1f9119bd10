"""Mosaic studio: turn a cartoon (the full-size design) into a tessera map.

Each pixel of the cartoon is matched to the nearest smalti colour the studio stocks.
Colour matchers are registered by name and chosen from the commission config; the
cartoon is cut into horizontal bands that are quantized on a thread pool, and the
studio keeps the tile usage and the colour error across all bands.
"""
import collections
import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor

COMMISSION = {
    "title": "Peacock panel, Villa Arcadia",
    "cartoon": {"width": 200, "height": 120},
    "band_rows": 30,
    "matcher": "redmean",
    "smalti": {
        "OR01": (212, 160, 23), "BL02": (20, 60, 160), "BL07": (40, 110, 200), "GR03": (30, 120, 60),
        "GR09": (120, 180, 90), "RD04": (170, 30, 40), "WH00": (240, 238, 228), "BK00": (18, 18, 20),
        "TQ05": (20, 160, 160), "GD06": (200, 170, 80), "PU08": (100, 40, 120), "BR10": (110, 70, 40),
        "GY11": (128, 128, 128), "PK12": (220, 150, 170), "YL13": (240, 220, 60), "NV14": (15, 30, 80),
    },
    "preview_step": 10,
}

MATCHERS = {}


def matcher(name):
    def deco(cls):
        MATCHERS[name] = cls
        return cls
    return deco


@matcher("euclid")
class EuclidMatcher:
    def __init__(self, palette):
        self.codes = list(palette)
        self.colours = [palette[c] for c in self.codes]

    @staticmethod
    def distance(a, b):
        return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2

    def __call__(self, rgb):
        best, best_d = 0, float("inf")
        for idx, colour in enumerate(self.colours):
            d = self.distance(rgb, colour)
            if d < best_d:
                best, best_d = idx, d
        return self.codes[best], math.sqrt(best_d)


@matcher("redmean")
class RedmeanMatcher(EuclidMatcher):
    @staticmethod
    def distance(a, b):
        rm = (a[0] + b[0]) / 2
        dr, dg, db = a[0] - b[0], a[1] - b[1], a[2] - b[2]
        return (2 + rm / 256) * dr * dr + 4 * dg * dg + (2 + (255 - rm) / 256) * db * db


def make_matcher(cfg):
    return MATCHERS[cfg["matcher"]](cfg["smalti"])


def draw_cartoon(width, height):
    """The design: a peacock-feather eye pattern on a gold ground."""
    img = []
    for y in range(height):
        row = []
        for x in range(width):
            r = math.hypot(x - width / 2, (y - height / 2) * 1.4)
            ring = int(r / 9) % 4
            row.append(((200, 170, 80), (20, 60, 160), (30, 120, 60), (20, 160, 160))[ring]
                       if r < width / 2.2 else (212 - y % 7, 160 + x % 5, 23 + (x * y) % 11))
        img.append(row)
    return img


def iter_band(img, y0, y1):
    for y in range(y0, min(y1, len(img))):
        for x, rgb in enumerate(img[y]):
            yield x, y, rgb


class Studio:
    def __init__(self):
        self._lock = threading.Lock()
        self.usage = {}
        self.total_error = 0.0
        self.bands = {}

    def merge(self, counts):
        with self._lock:
            for code, n in counts.items():
                if code not in self.usage:  # ok: GIL003 -- under self._lock
                    self.usage[code] = 0
                self.usage[code] += n  # ok: GIL002 -- under self._lock

    @property
    def tiles(self):
        return sum(self.usage.values())


def quantize_band(match, img, y0, y1, studio):
    local = collections.Counter()
    cells = []
    for x, y, rgb in iter_band(img, y0, y1):  # expect: GIL001 -- 30 rows x 200 px x 16 smalti per band task
        code, err = match(rgb)
        local[code] += 1  # ok: GIL002 -- Counter local to this task
        cells.append(code)
        studio.total_error += err  # expect: GIL002 -- shared studio total, no lock
    studio.merge(local)
    studio.bands[y0] = cells
    return y0, len(cells)


class Previewer(threading.Thread):
    """Coarse preview for the client: one pixel in `step` each way."""

    def __init__(self, match, img, step):
        super().__init__(name="preview")
        self.match, self.img, self.step = match, img, step
        self.rows = []

    def run(self):
        for y in range(0, len(self.img), self.step):  # ok: GIL001 -- 12 x 20 samples, about a millisecond of work
            self.rows.append("".join(self.match(self.img[y][x])[0][0] for x in range(0, len(self.img[y]), self.step)))


def main(cfg=COMMISSION):
    t0 = time.perf_counter()
    width, height = cfg["cartoon"]["width"], cfg["cartoon"]["height"]
    img = draw_cartoon(width, height)
    match = make_matcher(cfg)
    studio = Studio()
    preview = Previewer(match, img, cfg["preview_step"])
    preview.start()
    step = cfg["band_rows"]
    bands = [(y, y + step) for y in range(0, height, step)]
    with ThreadPoolExecutor(max_workers=len(bands)) as pool:
        done = list(pool.map(lambda band: quantize_band(match, img, band[0], band[1], studio), bands))
    preview.join()
    print(cfg["title"])
    print("\n".join(preview.rows))
    print(f"bands {done}")
    print(f"{studio.tiles} tesserae, mean error {studio.total_error / studio.tiles:.1f}")
    print("usage:", dict(sorted(studio.usage.items(), key=lambda kv: -kv[1])))
    print(f"done in {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
