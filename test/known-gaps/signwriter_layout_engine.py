"""Signwriter's workshop: lay out the lettering of several fascia boards at once.

Each sign is laid out in its own thread: the engine tries hundreds of tracking
values, scores how well the lettering fills the board, cuts the board from a
shared plywood sheet and books gold leaf on a shared paint order.
"""
import contextlib
import functools
import logging
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("signwriter.layout")

FACES = {
    "roman": {"base": 0.62, "wide": "MW", "narrow": "IJLTfijlrt"},
    "egyptian": {"base": 0.70, "wide": "MWOQ", "narrow": "Iijl"},
    "script": {"base": 0.55, "wide": "mw", "narrow": "il"},
}
KERN_PAIRS = {("A", "V"): -0.08, ("V", "A"): -0.08, ("T", "o"): -0.06, ("L", "T"): -0.07,
              ("W", "a"): -0.05, ("r", "."): -0.04, ("F", "."): -0.05}
GLYPH_CACHE = {}


@dataclass
class Sign:
    name: str
    text: str
    face: str
    board_width: float
    cap_height: float = 1.0


class PlySheet:
    """An 8 ft sheet of marine ply that every board is cut from."""

    def __init__(self, width):
        self.width = width
        self._used = 0.0

    @property
    def used_width(self):
        return self._used

    @used_width.setter
    def used_width(self, value):
        if value > self.width:
            log.warning("sheet over-committed: %.1f of %.1f", value, self.width)
        self._used = value


@dataclass
class PaintOrder:
    gold_leaf_cm2: float = 0.0
    signs: list = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @contextlib.contextmanager
    def locked(self):
        with self._lock:
            yield self


def measure(ch, face):
    spec = FACES[face]
    if ch in spec["wide"]:
        return spec["base"] * 1.35
    if ch in spec["narrow"]:
        return spec["base"] * 0.45
    return spec["base"] * (0.8 if ch == " " else 1.0)


def glyph_width(ch, face):
    key = (face, ch)
    if key not in GLYPH_CACHE:  # expect: GIL003
        GLYPH_CACHE[key] = measure(ch, face)
    return GLYPH_CACHE[key]


def fit_score(sign, tracking):
    """How far the set line misses the board width at this tracking (lower is better)."""
    x, prev = 0.0, None
    for ch in sign.text:
        x += glyph_width(ch, sign.face) * sign.cap_height + tracking
        if prev is not None:
            x += KERN_PAIRS.get((prev, ch), 0.0) * sign.cap_height
        prev = ch
    return abs(sign.board_width * 0.92 - x)


def layout_sign(sign, *, sheet, order, steps=3000, leaf_per_letter=6.5):
    scores = [(fit_score(sign, t / steps - 0.3), t) for t in range(steps)]  # expect: GIL001
    best_score, best_t = min(scores)
    tracking = best_t / steps - 0.3
    positions, x = [], 0.0
    for word in sign.text.split():  # ok: GIL001
        positions.append((word, round(x, 3)))
        x += sum(glyph_width(ch, sign.face) for ch in word) + tracking * len(word) + 0.8
    sheet.used_width += sign.board_width  # expect: GIL002
    with order.locked() as o:
        o.gold_leaf_cm2 += leaf_per_letter * sum(1 for ch in sign.text if ch != " ")  # ok: GIL002
        o.signs.append(sign.name)
    return {"sign": sign.name, "tracking": round(tracking, 4), "miss": round(best_score, 4),
            "words": positions}


class Workshop:
    def __init__(self, sheet, order, **layout_opts):
        self.sheet = sheet
        self.order = order
        self.layout_opts = layout_opts
        self.jobs = {}
        self.results = {}

    def take_commission(self, sign):
        job = functools.partial(layout_sign, sign, sheet=self.sheet, order=self.order,
                                **self.layout_opts)
        self.jobs[sign.name] = self._keep_result(sign.name, job)

    def _keep_result(self, name, job):
        def run():
            self.results[name] = job()
        return run

    def start_all(self):
        threads = [threading.Thread(target=job, name=f"layout-{name}")
                   for name, job in self.jobs.items()]
        for t in threads:
            t.start()
        return threads


def main():
    logging.basicConfig(level=logging.ERROR)
    commissions = [
        Sign("butcher", "J. ALDOUS & SONS  FAMILY BUTCHERS  EST. 1893", "roman", 24.0),
        Sign("tavern", "The Wheatsheaf Tavern  Fine Ales & Porter", "egyptian", 22.0),
        Sign("draper", "AVERY'S LINEN & DRAPERY WAREHOUSE", "roman", 19.0),
        Sign("tearoom", "Tea Rooms  Luncheons  Fancy Teas", "script", 16.0),
    ]
    shop = Workshop(PlySheet(96.0), PaintOrder(), steps=3000)
    for sign in commissions:
        shop.take_commission(sign)
    started = time.perf_counter()
    for t in shop.start_all():
        t.join()
    elapsed = time.perf_counter() - started
    for name in sorted(shop.results):
        r = shop.results[name]
        print(f"{name:<8} tracking {r['tracking']:+.4f} miss {r['miss']:.4f} words {len(r['words'])}")
    print(f"ply used {shop.sheet.used_width:.1f}, gold leaf {shop.order.gold_leaf_cm2:.1f} cm2")
    print(f"laid out {len(shop.order.signs)} signs in {elapsed:.2f}s")


if __name__ == "__main__":
    main()
