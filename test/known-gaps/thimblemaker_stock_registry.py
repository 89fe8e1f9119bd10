"""Thimble stockroom: bins per finish and size, filled by press shifts, drawn by shop orders.

A builder assembles the stockroom from the config; press shifts are Thread
subclasses, shop orders run on a thread pool (concurrent.futures.wait), and a
Timer revalues the stock from the metal price history while they work.
"""
import contextlib
import math
import threading
import time
from concurrent.futures import ALL_COMPLETED, ThreadPoolExecutor, wait

STOCK_CONFIG = {
    "bins": {("brass", 6): 40, ("brass", 8): 40, ("silver", 6): 12, ("silver", 8): 10, ("steel", 10): 30},
    "safety_stock": {"silver": 4},
    "shifts": [
        {"press": "P1", "finish": "brass", "size": 6, "count": 15},
        {"press": "P2", "finish": "steel", "size": 10, "count": 12},
        {"press": "P3", "finish": "silver", "size": 8, "count": 6},
    ],
    "orders": [("brass", 6, 12, False), ("silver", 6, 5, False), ("brass", 8, 20, False), ("steel", 10, 9, True),
               ("silver", 8, 7, False), ("brass", 6, 18, False), ("silver", 6, 6, True), ("steel", 10, 14, False),
               ("brass", 8, 11, False)],
    "history_days": 8000,
    "revalue_window": 240,
    "piece_s": 0.0005,
}


class Bin:
    def __init__(self, finish, size, count):
        self.finish = finish
        self.size = size
        self.count = count
        self.reserved = 0

    @property
    def free(self):
        return self.count - self.reserved


class SilverBin(Bin):
    def __init__(self, finish, size, count, safety):
        super().__init__(finish, size, count)
        self.safety = safety

    @property
    def free(self):
        return max(0, super().free - self.safety)


class Stockroom:
    def __init__(self, bins):
        self.bins = bins
        self._lock = threading.RLock()
        self.moves = 0
        self.shortfalls = []

    @contextlib.contextmanager
    def transaction(self):
        self._lock.acquire()  # ok: GIL005 -- the finally below releases it, whatever the with-body raises
        try:
            yield self
        finally:
            self._lock.release()

    def fill(self, key, n):
        with self.transaction():
            self.bins[key].count += n  # ok: GIL002 -- transaction() holds the stockroom lock
            self.moves += 1  # ok: GIL002 -- transaction() holds the stockroom lock

    def draw(self, key, n):
        bin_ = self.bins[key]
        if bin_.free >= n:  # expect: GIL003 -- order threads test the shared bin, then take from it outside any lock
            bin_.count -= n  # expect: GIL002 -- read-modify-write of a shared bin count with no lock held
            return n
        self.shortfalls.append((key, n))
        return 0

    def reserve(self, key, n):
        self._lock.acquire()  # expect: GIL005 -- bins[key] raises KeyError for an unknown finish/size and the lock is never released
        bin_ = self.bins[key]
        bin_.reserved += n  # ok: GIL002 -- only reached between _lock.acquire() and release()
        self._lock.release()
        return bin_.free


class StockroomBuilder:
    def __init__(self, config):
        self.config = config
        self._bins = {}
        self._prices = []

    def with_bins(self):
        safety = self.config["safety_stock"]
        for (finish, size), count in self.config["bins"].items():
            if finish in safety:
                self._bins[(finish, size)] = SilverBin(finish, size, count, safety[finish])
            else:
                self._bins[(finish, size)] = Bin(finish, size, count)
        return self

    def with_prices(self):
        days = self.config["history_days"]
        self._prices = [5.0 + math.sin(d / 37.0) + 0.3 * math.cos(d / 5.0) for d in range(days)]
        return self

    def build(self):
        return Stockroom(self._bins), Revaluer(self._prices, self.config["revalue_window"])


class Revaluer:
    """Counts the days the metal price sat above its moving average."""

    def __init__(self, prices, window):
        self.prices = prices
        self.window = window
        self.days_above = None

    def __call__(self):
        self.days_above = self._days_above_average()

    def _days_above_average(self):
        above = 0
        for end in range(self.window, len(self.prices)):  # expect: GIL001 -- timer thread: ~7800 windows x 240-day Python sum
            total = 0.0
            for d in range(end - self.window, end):
                total += self.prices[d]
            if self.prices[end] > total / self.window:
                above += 1
        return above


class PressShift(threading.Thread):
    def __init__(self, room, spec, piece_s):
        super().__init__(name=f"shift-{spec['press']}")
        self.room = room
        self.key = (spec["finish"], spec["size"])
        self.count = spec["count"]
        self.piece_s = piece_s
        self.pressed = 0

    def run(self):
        for _ in range(self.count):  # ok: GIL001 -- one sleep per pressed thimble
            time.sleep(self.piece_s)
            self.pressed += 1  # ok: GIL002 -- written only by this shift's own thread
            self.room.fill(self.key, 1)


def take_order(room, finish, size, qty, hold):
    key = (finish, size)
    if hold:
        room.reserve(key, qty)
        return key, qty, 0
    return key, qty, room.draw(key, qty)


def main():
    room, revaluer = StockroomBuilder(STOCK_CONFIG).with_bins().with_prices().build()
    timer = threading.Timer(0.005, revaluer)
    timer.start()
    shifts = [PressShift(room, spec, STOCK_CONFIG["piece_s"]) for spec in STOCK_CONFIG["shifts"]]
    for s in shifts:
        s.start()
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = [pool.submit(take_order, room, *order) for order in STOCK_CONFIG["orders"]]
        done, _ = wait(futures, return_when=ALL_COMPLETED)
    for s in shifts:
        s.join()
    timer.join()
    filled = [f.result() for f in futures]
    for key, qty, got in filled:
        print(f"{key[0]:6s} size {key[1]:>2}: ordered {qty:>2}, drawn {got:>2}")
    levels = {f"{k[0]}-{k[1]}": b.count for k, b in room.bins.items()}
    print(f"levels={levels} moves={room.moves} pressed={[s.pressed for s in shifts]}")
    print(f"shortfalls={len(room.shortfalls)} days above average={revaluer.days_above}")


if __name__ == "__main__":
    main()
