"""Mosaic studio: tessera stock room and setting pipeline.

A commission is split into sections (border, ground, figure...). Pickers take a section
off the queue, count the tesserae of each colour out of the stock bins and pass a tray
on; setters glue the tray onto a sheet of fibreglass mesh. A supplier delivery restocks
the bins mid-shift and the studio manager audits the stock.
"""
import queue
import threading
import time
from dataclasses import dataclass, field

STUDIO = {
    "bins": {"OR01": 4000, "BL02": 2600, "GR03": 1800, "WH00": 5000, "GD06": 900, "RD04": 700},
    "sections": [
        ("border-N", {"OR01": 300, "BL02": 120}), ("border-S", {"OR01": 300, "BL02": 120}),
        ("ground-1", {"WH00": 900, "GD06": 40}), ("ground-2", {"WH00": 900, "GD06": 40}),
        ("figure-head", {"RD04": 150, "GR03": 220, "GD06": 60}), ("figure-tail", {"GR03": 400, "BL02": 300}),
        ("ground-3", {"WH00": 900}), ("signature", {"RD04": 30, "BK00": 10}),
    ],
    "pickers": 3,
    "setters": 2,
    "mesh_sheets": 6,
    "restock": {"OR01": 800, "WH00": 1500, "GD06": 200},
    "restock_after_s": 0.004,
    "glue_s_per_100": 0.0004,
}

STOP = object()


@dataclass
class Bin:
    code: str
    count: int


@dataclass
class Tray:
    section: str
    tiles: dict = field(default_factory=dict)
    short: dict = field(default_factory=dict)


class StockRoom:
    def __init__(self, bins):
        self.bins = {code: Bin(code, n) for code, n in bins.items()}
        self._lock = threading.RLock()
        self.picked = 0

    def __enter__(self):
        self._lock.acquire()  # ok: GIL005 -- paired with release() in __exit__; used only as `with self:`
        return self

    def __exit__(self, *exc):
        self._lock.release()
        return False

    def pick(self, code, n):
        with self:
            b = self.bins.get(code)
            if b is not None and b.count >= n:  # ok: GIL003 -- inside `with self:` (the RLock)
                b.count -= n  # ok: GIL002 -- inside `with self:`
                self.picked += n  # ok: GIL002 -- inside `with self:`
                return n
        return 0

    def restock(self, delivery):
        for code, n in delivery.items():
            self.bins[code].count += n  # expect: GIL002 -- the Timer thread adds while pickers subtract; no lock

    @staticmethod
    def _check(b):
        if b.count < 0:
            raise ValueError(f"bin {b.code} went negative")

    def audit(self):
        self._lock.acquire()  # expect: GIL005 -- _check() can raise before release()
        total = 0
        for b in self.bins.values():
            self._check(b)
            total += b.count
        self._lock.release()
        return total


class Mesh:
    def __init__(self, sheets):
        self.sheets_left = sheets
        self.used = []


def drain(inbox):
    while True:
        item = inbox.get()
        if item is STOP:
            return
        yield item


class Stage(threading.Thread):
    def __init__(self, name, inbox, outbox):
        super().__init__(name=name)
        self.inbox, self.outbox = inbox, outbox

    def handle(self, item):
        return item

    def run(self):
        for item in drain(self.inbox):  # ok: GIL001 -- the generator blocks on inbox.get(); handling is light or sleeps
            out = self.handle(item)
            if out is not None and self.outbox is not None:
                self.outbox.put(out)


class Picker(Stage):
    def __init__(self, name, inbox, outbox, stock):
        super().__init__(name, inbox, outbox)
        self.stock = stock

    def handle(self, item):
        section, needs = item
        tray = Tray(section)
        for code, n in needs.items():
            got = self.stock.pick(code, n)
            tray.tiles[code] = got
            if got < n:
                tray.short[code] = n - got
        return tray


class Setter(Stage):
    def __init__(self, name, inbox, outbox, mesh, glue_s):
        super().__init__(name, inbox, outbox)
        self.mesh, self.glue_s = mesh, glue_s
        self.set_tiles = 0

    def handle(self, tray):
        if self.mesh.sheets_left > 0:  # expect: GIL003 -- both setters test the shared Mesh, then take a sheet
            self.mesh.sheets_left -= 1  # expect: GIL002 -- shared Mesh counter, no lock
            self.mesh.used.append(tray.section)
        n = sum(tray.tiles.values())
        time.sleep(self.glue_s * n / 100)
        self.set_tiles += n  # ok: GIL002 -- each Setter counts only its own tiles
        return tray


def run_stage_group(stages, inbox):
    for st in stages:
        st.start()
    return lambda: ([inbox.put(STOP) for _ in stages], [st.join() for st in stages])


def main(cfg=STUDIO):
    stock, mesh = StockRoom(cfg["bins"]), Mesh(cfg["mesh_sheets"])
    sections, trays, finished = queue.Queue(), queue.Queue(), queue.Queue()
    pickers = [Picker(f"picker-{i}", sections, trays, stock) for i in range(cfg["pickers"])]
    setters = [Setter(f"setter-{i}", trays, finished, mesh, cfg["glue_s_per_100"]) for i in range(cfg["setters"])]
    stop_pickers = run_stage_group(pickers, sections)
    stop_setters = run_stage_group(setters, trays)
    delivery = threading.Timer(cfg["restock_after_s"], stock.restock, args=(cfg["restock"],))
    delivery.start()
    for section in cfg["sections"]:
        sections.put(section)
    stop_pickers()
    stop_setters()
    delivery.join()
    auditor = threading.Thread(target=lambda: print(f"audit: {stock.audit()} tesserae on the shelves"))
    auditor.start()
    auditor.join()
    while not finished.empty():  # ok: GIL003 -- main thread only, after every stage thread has been joined
        tray = finished.get()
        print(f"{tray.section:12s} {sum(tray.tiles.values()):5d} tiles short {tray.short or '-'}")
    print(f"picked {stock.picked}, set {sum(s.set_tiles for s in setters)}, sheets left {mesh.sheets_left}")


if __name__ == "__main__":
    main()
