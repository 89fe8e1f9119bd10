"""Hat block lending in a millinery workshop.

Milliners borrow wooden hat blocks from the rack (waiting on the rack's
Condition when all blocks of their style are out), steam and block their
felts, trim them with whatever ribbon stock is left for the style and log
their steaming time.  The trim steps are looked up by name from a registry.
"""
import threading
import time
from concurrent.futures import ThreadPoolExecutor

SHOP = {
    "blocks": {"fedora-57": 1, "cloche-55": 1, "boater-58": 1},
    "ribbons": {"fedora-57": ["black", "navy", "brown", "grey", "olive"], "cloche-55": ["rose", "ivory"]},
    "milliners": [
        {"name": "Odile", "style": "fedora-57", "hats": 3, "trims": ["ribbon", "band"]},
        {"name": "Juliette", "style": "fedora-57", "hats": 2, "trims": ["ribbon"]},
        {"name": "Marthe", "style": "cloche-55", "hats": 2, "trims": ["ribbon", "feather"]},
        {"name": "Paulette", "style": "boater-58", "hats": 2, "trims": ["band"]},
    ],
    "steam_s": 0.003,
}

TRIMS = {}


def trim(name):
    def register(fn):
        TRIMS[name] = fn
        return fn
    return register


class Output:
    """Daily output board; `count` is a property over the board's dict."""

    def __init__(self):
        self._board = {"hats": 0}

    @property
    def count(self):
        return self._board["hats"]

    @count.setter
    def count(self, value):
        self._board["hats"] = value


class BlockRack:
    def __init__(self, blocks, ribbons):
        self.free = dict(blocks)
        self.ribbon_stock = {style: list(colours) for style, colours in ribbons.items()}
        self.cond = threading.Condition()
        self.steam_lock = threading.Lock()
        self.steam_log = []
        self.loans = []

    def borrow(self, style, who):
        with self.cond:
            self.cond.wait_for(lambda: self.free[style] > 0)
            self.free[style] -= 1  # ok: GIL002 -- rack Condition held
            self.loans.append((who, style))

    def give_back(self, style):
        with self.cond:
            self.free[style] += 1  # ok: GIL002 -- rack Condition held
            self.cond.notify_all()

    def take_ribbon(self, style):
        try:
            if style in self.ribbon_stock:  # expect: GIL003 -- two fedora milliners can both see the last ribbon
                colour = self.ribbon_stock[style].pop()
                if not self.ribbon_stock[style]:
                    del self.ribbon_stock[style]
                return colour
        except (KeyError, IndexError):
            pass
        return "plain"

    @staticmethod
    def _validate(seconds):
        if seconds < 0:
            raise ValueError(f"negative steaming time {seconds}")

    def log_steam(self, who, seconds):
        self.steam_lock.acquire()  # expect: GIL005 -- _validate() raises ValueError and leaves the lock held
        self._validate(seconds)
        self.steam_log.append((who, round(seconds, 4)))
        self.steam_lock.release()

    def steam_entries(self):
        if self.steam_lock.acquire(timeout=1.0):  # ok: GIL005 -- released in finally; nothing is held if the acquire times out
            try:
                return len(self.steam_log)
            finally:
                self.steam_lock.release()
        return None


@trim("ribbon")
def add_ribbon(rack, hat):
    hat["ribbon"] = rack.take_ribbon(hat["style"])


@trim("band")
def add_band(rack, hat):
    hat["band"] = "grosgrain"


@trim("feather")
def add_feather(rack, hat):
    hat["feather"] = "pheasant"


class Milliner:
    def __init__(self, spec, rack, output, steam_s):
        self.spec = spec
        self.rack = rack
        self.output = output
        self.steam_s = steam_s
        self.hats = []

    def block_one(self, n):
        style = self.spec["style"]
        self.rack.borrow(style, self.spec["name"])
        try:
            t0 = time.perf_counter()
            time.sleep(self.steam_s)
            self.rack.log_steam(self.spec["name"], time.perf_counter() - t0)
        finally:
            self.rack.give_back(style)
        hat = {"style": style, "n": n}
        for step in self.spec["trims"]:
            TRIMS[step](self.rack, hat)
        return hat

    def work(self):
        for n in range(self.spec["hats"]):  # ok: GIL001 -- two or three hats, each mostly waiting for a block or steam
            self.hats.append(self.block_one(n))
            self.output.count += 1  # expect: GIL002 -- read-modify-write through a property of the shared Output board
        return self.spec["name"], len(self.hats)


def main():
    rack = BlockRack(SHOP["blocks"], SHOP["ribbons"])
    output = Output()
    milliners = [Milliner(spec, rack, output, SHOP["steam_s"]) for spec in SHOP["milliners"]]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(milliners)) as pool:
        finished = list(pool.map(lambda m: m.work(), milliners))
    print(f"finished: {finished}")
    print(f"hats on the board: {output.count}, steam log entries: {rack.steam_entries()}")
    for m in milliners:
        print(m.spec["name"], [h.get("ribbon", "-") for h in m.hats])
    print(f"loans {len(rack.loans)}, ribbons left {rack.ribbon_stock}, {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
