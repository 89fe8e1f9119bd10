"""Book shop tills and stock.

The shop floor and the cafe kiosk each keep an inventory of shelves keyed by
ISBN; tills (Thread subclasses) ring up sales against them.  Inventories are
built from SHOP_CONFIG by a classmethod factory that picks the class by the
"locking" setting - the shop floor was configured with the old unlocked class.
"""
import random
import threading
from dataclasses import dataclass

SHOP_CONFIG = {
    "floor": {"locking": "none", "tills": 3, "titles": 40, "opening_stock": 300},
    "kiosk": {"locking": "mutex", "tills": 2, "titles": 8, "opening_stock": 300},
    "sales_per_till": 1000,
    "seed": 77,
}


@dataclass
class Shelf:
    isbn: str
    title: str
    price: float
    stock: int
    sold: int = 0


class Inventory:
    registry = {}

    def __init_subclass__(cls, locking=None, **kw):
        super().__init_subclass__(**kw)
        if locking:
            Inventory.registry[locking] = cls

    def __init__(self, shelves):
        self.shelves = {s.isbn: s for s in shelves}
        self.refused = 0
        self._lock = threading.Lock()

    @classmethod
    def build(cls, section, rng):
        shelves = [Shelf(f"978-{section['titles']}-{n:04d}", f"Title {n}", round(rng.uniform(6, 30), 2),
                         section["opening_stock"]) for n in range(section["titles"])]
        return cls.registry[section["locking"]](shelves)

    @property
    def stock_value(self):
        return sum(s.stock * s.price for s in self.shelves.values())

    def sell(self, isbn, qty):
        raise NotImplementedError

    def stocktake(self):
        if not self._lock.acquire(timeout=2.0):  # ok: GIL005 -- timed acquire checked, then try/finally releases
            return None
        try:
            return {isbn: s.stock for isbn, s in self.shelves.items()}
        finally:
            self._lock.release()


class UnlockedInventory(Inventory, locking="none"):
    def sell(self, isbn, qty):
        shelf = self.shelves[isbn]
        if shelf.stock >= qty:  # expect: GIL003 -- another till can sell the last copies between this test and the decrement
            shelf.stock -= qty  # expect: GIL002 -- shelves are shared by all floor tills; no lock
            shelf.sold += qty  # expect: GIL002 -- same shelf object updated by several till threads
            return True
        self.refused += 1  # expect: GIL002 -- refused counter shared by the floor tills
        return False


class LockedInventory(Inventory, locking="mutex"):
    def sell(self, isbn, qty):
        with self._lock:
            shelf = self.shelves[isbn]
            if shelf.stock >= qty:  # ok: GIL003 -- test and decrement under self._lock
                shelf.stock -= qty  # ok: GIL002 -- inside `with self._lock`
                shelf.sold += qty  # ok: GIL002 -- inside `with self._lock`
                return True
            self.refused += 1  # ok: GIL002 -- inside `with self._lock`
            return False


class Till(threading.Thread):
    def __init__(self, name, inventory, basket_source):
        super().__init__(name=name)
        self.inventory = inventory
        self.baskets = basket_source
        self.takings = 0.0
        self.receipts = []

    def run(self):
        for basket in self.baskets:  # ok: GIL001 -- 1000 small sales per till, ~3 ms of CPU in all
            self.ring_up(basket)

    def ring_up(self, basket):
        lines = [(isbn, qty) for isbn, qty in basket if self.inventory.sell(isbn, qty)]
        total = sum(self.inventory.shelves[i].price * q for i, q in lines)
        self.takings += total  # ok: GIL002 -- takings belongs to this Till object; only its own thread writes it
        self.receipts.append(round(total, 2))


def basket_stream(isbns, count, seed):
    rng = random.Random(seed)
    for _ in range(count):
        yield [(rng.choice(isbns), rng.randint(1, 3)) for _ in range(rng.randint(1, 3))]


def open_shop(config=SHOP_CONFIG):
    rng = random.Random(config["seed"])
    tills = []
    inventories = {}
    for section in ("floor", "kiosk"):
        inv = Inventory.build(config[section], rng)
        inventories[section] = inv
        isbns = list(inv.shelves)
        for n in range(config[section]["tills"]):
            stream = basket_stream(isbns, config["sales_per_till"], seed=config["seed"] * 100 + 10 * len(section) + n)
            tills.append(Till(f"{section}-till-{n}", inv, stream))
    return inventories, tills


def main():
    inventories, tills = open_shop()
    opening = {name: inv.stock_value for name, inv in inventories.items()}
    for t in tills:
        t.start()
    for t in tills:
        t.join()
    for name, inv in inventories.items():
        counts = inv.stocktake()
        sold = sum(s.sold for s in inv.shelves.values())
        takings = sum(t.takings for t in tills if t.inventory is inv)
        print(f"{name}: sold {sold} copies, refused {inv.refused}, "
              f"takings {takings:.2f}, value {opening[name]:.2f} -> {inv.stock_value:.2f}, "
              f"negative shelves {sum(1 for v in counts.values() if v < 0)}")


if __name__ == "__main__":
    main()
