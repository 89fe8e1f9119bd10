"""Cutting room and furnace of a tinware works.

Pattern cutters (Thread subclasses) nest the blanks of each order onto tin sheets; an
assayer thread fingerprints the sheet stock; the annealing schedule is worked out in a
process pool after the cutters are done.
"""
import functools
import hashlib
import logging
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("whitesmith.furnace")

TIMINGS = {}
_timings_lock = threading.Lock()


def timed(fn):
    @functools.wraps(fn)
    def wrapper(self, *args, **kwargs):
        t0 = time.perf_counter()
        result = fn(self, *args, **kwargs)
        with _timings_lock:
            TIMINGS.setdefault(fn.__name__, []).append(time.perf_counter() - t0)
        return result
    return wrapper


@dataclass
class Workshop:
    sheet_w: int = 36
    sheet_h: int = 28
    sheets_issued: int = 0
    scrap: float = 0.0
    layouts: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Blank:
    name: str
    w: int
    h: int


class Sheet:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = [[False] * w for _ in range(h)]

    def fits(self, x, y, blank):
        if x + blank.w > self.w or y + blank.h > self.h:
            return False
        for row in range(y, y + blank.h):
            line = self.cells[row]
            for col in range(x, x + blank.w):
                if line[col]:
                    return False
        return True

    def place(self, x, y, blank):
        for row in range(y, y + blank.h):
            for col in range(x, x + blank.w):
                self.cells[row][col] = True

    def used(self):
        return sum(sum(1 for c in line if c) for line in self.cells)


class PatternCutter(threading.Thread):
    def __init__(self, order_name, blanks, workshop, **kwargs):
        super().__init__(name=f"cutter-{order_name}", **kwargs)
        self.order_name = order_name
        self.blanks = blanks
        self.workshop = workshop
        self.sheets = []

    def offcut(self):
        area = self.workshop.sheet_w * self.workshop.sheet_h
        return sum(area - s.used() for s in self.sheets) / area

    def run(self):
        self._nest(self.blanks)
        offcut = self.offcut()
        self.workshop.scrap = self.workshop.scrap + offcut  # expect: GIL002
        self.workshop.layouts[self.order_name] = len(self.sheets)

    @timed
    def _nest(self, blanks):
        for blank in sorted(blanks, key=lambda b: -b.w * b.h):  # expect: GIL001
            for sheet in self.sheets:
                spot = next(((x, y) for y in range(sheet.h) for x in range(sheet.w)
                             if sheet.fits(x, y, blank)), None)
                if spot:
                    sheet.place(*spot, blank)
                    break
            else:
                sheet = Sheet(self.workshop.sheet_w, self.workshop.sheet_h)
                sheet.place(0, 0, blank)
                self.sheets.append(sheet)


class Assayer(threading.Thread):
    """Fingerprints each sheet of stock; hashlib releases the GIL on big buffers."""

    def __init__(self, stock):
        super().__init__(name="assayer")
        self.stock = stock
        self.digests = []

    def run(self):
        for plate in self.stock:  # ok: GIL001
            self.digests.append(hashlib.sha256(plate).hexdigest()[:12])


def anneal_schedule(batch, steps=200_000):
    temp, log_sum = 900.0, 0.0
    for i in range(steps):  # ok: GIL001
        temp = temp * 0.99997 + (i % 11) * 0.001
        log_sum += temp
    return batch, round(temp, 2), round(log_sum / steps, 2)


ORDERS = {
    "kettles": [Blank("body", 9, 7), Blank("lid", 4, 4), Blank("spout", 2, 5)] * 40,
    "lanterns": [Blank("frame", 6, 8), Blank("door", 3, 5), Blank("cap", 5, 3)] * 40,
    "pails": [Blank("side", 11, 6), Blank("base", 6, 6), Blank("ear", 2, 2)] * 36,
}


def main():
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    shop = Workshop()
    for name, blanks in ORDERS.items():
        shop.sheets_issued += len(blanks) // 6  # ok: GIL002
    stock = [bytes([i]) * (512 * 1024) for i in range(16)]

    t0 = time.perf_counter()
    workers = [PatternCutter(n, b, shop, daemon=False) for n, b in ORDERS.items()]
    workers.append(Assayer(stock))
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    cut_s = time.perf_counter() - t0

    with ProcessPoolExecutor(max_workers=2) as procs:
        schedule = list(procs.map(anneal_schedule, ["morning", "evening"]))

    print(f"layouts (sheets per order): {shop.layouts}; issued {shop.sheets_issued}")
    print(f"scrap = {shop.scrap:.3f} sheets")
    print(f"assay digests: {len(workers[-1].digests)}")
    print(f"anneal: {schedule}")
    print(f"nesting timings: {[round(t, 3) for t in TIMINGS.get('_nest', [])]}")
    print(f"cutting room took {cut_s:.2f}s")


if __name__ == "__main__":
    main()
