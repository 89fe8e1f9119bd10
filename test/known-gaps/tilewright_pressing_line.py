"""Pressing line of a clay roof-tile works: pug mill -> presses -> stackers.

The pug mill extrudes clay blanks, two presses stamp them into plain or
interlocking tiles, and two stackers load the green tiles onto drying-rack
shelves. Stations are callable objects registered by name and started on a
thread pool from LINE_CONFIG; queues join the stages.
"""
import queue
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field

LINE_CONFIG = {
    "pugmill": {"count": 1, "blanks": 360, "batch": 12, "pause_s": 0.003},
    "press": {"count": 2, "stroke_s": 0.0004},
    "stack": {"count": 2, "shelf_tiles": 24},
}
TILE_PATTERNS = {"plain": (265, 165, 12), "interlocking": (420, 330, 14)}   # mm: length, width, thickness
STOP = None

STATIONS = {}


def station(name):
    def deco(cls):
        STATIONS[name] = cls
        cls.kind = name
        return cls
    return deco


@dataclass
class Shelf:
    number: int
    capacity: int
    tiles: list = field(default_factory=list)

    @property
    def full(self):
        return len(self.tiles) >= self.capacity


class DryingRack:
    def __init__(self, shelf_tiles):
        self.shelf_tiles = shelf_tiles
        self.shelves = []
        self.current = self._new_shelf()

    def _new_shelf(self):
        shelf = Shelf(len(self.shelves) + 1, self.shelf_tiles)
        self.shelves.append(shelf)
        return shelf

    def load(self, tile):
        if self.current.full:  # expect: GIL003 -- both stackers can see a full shelf and each start a new one
            self.current = self._new_shelf()
        self.current.tiles.append(tile)


class ShiftStats:
    def __init__(self):
        self.pressed = 0
        self.rejects = {}
        self._lock = threading.Lock()

    def reject(self, reason):
        with self._lock:
            self.rejects[reason] = self.rejects.get(reason, 0) + 1  # ok: GIL002 -- taken under the stats lock


class Station:
    kind = "?"

    def __init__(self, inbox, outbox, stats, cfg):
        self.inbox, self.outbox = inbox, outbox
        self.stats = stats
        self.cfg = cfg
        self.done = 0

    def work(self, item):
        raise NotImplementedError

    def __call__(self):
        while True:  # ok: GIL001 -- blocked in inbox.get() or in the press stroke sleep most of the time
            item = self.inbox.get()
            if item is STOP:
                break
            self.work(item)
            self.done += 1  # ok: GIL002 -- each station object is run by exactly one pool thread
        return self.kind, self.done


@station("pugmill")
class PugMill(Station):
    def __call__(self):
        rng = random.Random(7)
        for batch in range(self.cfg["blanks"] // self.cfg["batch"]):  # ok: GIL001 -- a dozen blanks per batch, then a pause
            time.sleep(self.cfg["pause_s"])
            for _ in range(self.cfg["batch"]):
                pattern = rng.choice(sorted(TILE_PATTERNS))
                self.outbox.put((batch, pattern, rng.uniform(0.17, 0.23)))
                self.done += 1  # ok: GIL002 -- the mill object belongs to the one pool thread that runs it
        return self.kind, self.done


@station("press")
class Press(Station):
    def work(self, blank):
        batch, pattern, moisture = blank
        time.sleep(self.cfg["stroke_s"])
        if moisture > 0.225:
            self.stats.reject("too wet")
            return
        length, width, thick = TILE_PATTERNS[pattern]
        self.stats.pressed += 1  # expect: GIL002 -- one ShiftStats for both presses, no lock held
        self.outbox.put({"batch": batch, "pattern": pattern, "mm": (length, width, thick)})


@station("stack")
class Stacker(Station):
    def __init__(self, inbox, outbox, stats, cfg, rack):
        super().__init__(inbox, outbox, stats, cfg)
        self.rack = rack

    def work(self, tile):
        self.rack.load(tile)


def build_line(config, stats, rack):
    """Factory: one station object per configured worker, wired by queues."""
    queues = {"pugmill": None, "press": queue.Queue(), "stack": queue.Queue(), "out": None}
    order = ["pugmill", "press", "stack"]
    built = {}
    for i, name in enumerate(order):
        cfg = config[name]
        outbox = queues[order[i + 1]] if i + 1 < len(order) else None
        extra = (rack,) if name == "stack" else ()
        built[name] = [STATIONS[name](queues[name], outbox, stats, cfg, *extra)
                       for _ in range(cfg["count"])]
    return built, queues


def run_shift(config):
    stats, rack = ShiftStats(), DryingRack(config["stack"]["shelf_tiles"])
    built, queues = build_line(config, stats, rack)
    totals = {}
    with ThreadPoolExecutor(max_workers=sum(len(v) for v in built.values())) as pool:
        futures = {name: [pool.submit(st) for st in stations] for name, stations in built.items()}
        for upstream, downstream in [("pugmill", "press"), ("press", "stack")]:
            wait(futures[upstream])
            for _ in built[downstream]:
                queues[downstream].put(STOP)
        wait(futures["stack"])
        for name, futs in futures.items():
            totals[name] = sum(f.result()[1] for f in futs)
    return stats, rack, totals


def main():
    stats, rack, totals = run_shift(LINE_CONFIG)
    stacked = sum(len(s.tiles) for s in rack.shelves)
    overfull = [s.number for s in rack.shelves if len(s.tiles) > s.capacity]
    print("handled per stage:", totals)
    print(f"pressed {stats.pressed} (rejects {stats.rejects})")
    print(f"stacked {stacked} tiles on {len(rack.shelves)} shelves; overfull shelves: {overfull}")


if __name__ == "__main__":
    main()
