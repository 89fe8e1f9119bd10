"""Tonewood stock for a violin-making shop.

Boards are graded from their scanned grain lines by a species-specific grader
object, while the counter staff and the web shop reserve, hold and sell wedges
from the same inventory on a thread pool.
"""
import math
import random
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager

STOCK_CONFIG = {
    "boards": [
        ("SP-101", "spruce", 6), ("SP-102", "spruce", 4), ("SP-103", "spruce", 5),
        ("MA-201", "maple", 3), ("MA-202", "maple", 2), ("WI-301", "willow", 8),
    ],
    "grain_samples": 150_000,
    "graders": {"spruce": "SpruceGrader", "maple": "MapleGrader", "willow": "Grader"},
    "requests": [("shop", "SP-101", 2), ("web", "SP-101", 3), ("shop", "MA-201", 1),
                 ("web", "MA-202", 2), ("walkin", "SP-103", 1), ("walkin", "SP-101", 1)],
}

GRADERS = {}


def grader(cls):
    GRADERS[cls.__name__] = cls
    return cls


class Board:
    def __init__(self, sku, species, wedges, rng):
        self.sku = sku
        self.species = species
        self.available = wedges
        self.grade = None
        self.drift = rng.uniform(-0.002, 0.002)
        self.phase = rng.uniform(0, math.pi)

    def grain_at(self, x):
        """Offset of the scanned grain line at sample x (mm from the glue joint)."""
        return x * self.drift + 0.05 * math.sin(x * 0.013 + self.phase)


class Inventory:
    def __init__(self, boards):
        self.boards = {b.sku: b for b in boards}
        self.holds = {}
        self._lock = threading.Lock()

    @contextmanager
    def hold_lock(self):
        self._lock.acquire()  # ok: GIL005 -- the finally below releases it whatever the with-body does
        try:
            yield self
        finally:
            self._lock.release()

    def reserve(self, customer, sku, n):
        self._lock.acquire()  # expect: GIL005 -- an unknown SKU returns early with the lock still held
        board = self.boards.get(sku)
        if board is None:
            return None
        self.holds.setdefault(customer, []).append((sku, n))
        self._lock.release()
        return board

    def place_hold(self, customer, sku, n):
        with self.hold_lock() as inv:
            board = inv.boards[sku]
            if board.available >= n:  # ok: GIL003 -- test and decrement inside hold_lock()
                board.available -= n  # ok: GIL002 -- hold_lock() holds the inventory lock
                return True
        return False

    def walk_in_sale(self, sku, n):
        board = self.boards[sku]
        if board.available >= n:  # expect: GIL003 -- counter sales test the shared board and sell without the lock
            board.available -= n  # expect: GIL002 -- same Board object updated by pool tasks, no lock
            return True
        return False


@grader
class Grader:
    premium = 1.0

    def __init__(self, inventory, samples):
        self.inventory = inventory
        self.samples = samples

    @classmethod
    def for_species(cls, species, inventory, config):
        return GRADERS[config["graders"][species]](inventory, config["grain_samples"])

    @staticmethod
    def straightness(board, n):
        sx = sy = sxx = sxy = 0.0
        for x in range(n):  # expect: GIL001 -- 150k grain samples per board, on the grading pool threads
            y = board.grain_at(x)
            sx += x
            sy += y
            sxx += x * x
            sxy += x * y
        slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
        return math.degrees(math.atan(abs(slope))) * 20

    def score(self, board):
        return 10.0 - self.straightness(board, self.samples)

    def __call__(self, sku):
        board = self.inventory.boards[sku]
        value = self.score(board) * self.premium
        board.grade = "AAA" if value > 8.5 else "AA" if value > 7 else "A"
        return sku, round(value, 2)


@grader
class SpruceGrader(Grader):
    premium = 1.05


@grader
class MapleGrader(Grader):
    def score(self, board):
        flame = sum(1 for x in range(200) if board.grain_at(x) > 0.04)  # ok: GIL001 -- only the first 200 samples
        return super().score(board) + flame / 100.0


def serve(inventory, channel, sku, n):
    if channel == "walkin":
        return channel, sku, inventory.walk_in_sale(sku, n)
    board = inventory.reserve(channel, sku, n)
    return channel, sku, board is not None and inventory.place_hold(channel, sku, n)


def build_inventory(config, seed=11):
    rng = random.Random(seed)
    boards = [Board(sku, species, wedges, rng) for sku, species, wedges in config["boards"]]
    return Inventory(boards)


def main():
    inventory = build_inventory(STOCK_CONFIG)
    graders = {}
    for board in inventory.boards.values():
        graders[board.species] = graders.get(board.species) or Grader.for_species(board.species, inventory, STOCK_CONFIG)
    grades, served = {}, []
    with ThreadPoolExecutor(max_workers=3) as pool:
        grading = [pool.submit(graders[b.species], b.sku) for b in inventory.boards.values()]
        selling = [pool.submit(serve, inventory, *req) for req in STOCK_CONFIG["requests"]]
        for fut in as_completed(grading + selling):
            result = fut.result()
            if len(result) == 2:
                grades[result[0]] = result[1]
            else:
                served.append(result)
    print(f"grades {dict(sorted(grades.items()))}")
    print(f"served {sorted(served)}")
    print(f"left {[(s, b.available, b.grade) for s, b in inventory.boards.items()]}")
    print(f"holds {inventory.holds}")


if __name__ == "__main__":
    main()
