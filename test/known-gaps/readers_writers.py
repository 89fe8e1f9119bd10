# Models a price catalogue behind a readers-writer lock, read by lookup threads and updated by repricers.
import random
import threading
import time


class ReadWriteLock:
    """Writer-preferring readers-writer lock built on a Condition."""

    def __init__(self):
        self._cond = threading.Condition(threading.Lock())
        self._readers = 0
        self._writer = False
        self._waiting_writers = 0

    def acquire_read(self):
        with self._cond:
            while self._writer or self._waiting_writers:  # ok: GIL003
                self._cond.wait()
            self._readers += 1  # ok: GIL002

    def release_read(self):
        with self._cond:
            self._readers -= 1  # ok: GIL002
            if self._readers == 0:  # ok: GIL003
                self._cond.notify_all()

    def acquire_write(self):
        with self._cond:
            self._waiting_writers += 1  # ok: GIL002
            while self._writer or self._readers:  # ok: GIL003
                self._cond.wait()
            self._waiting_writers -= 1  # ok: GIL002
            self._writer = True

    def release_write(self):
        with self._cond:
            self._writer = False
            self._cond.notify_all()


class Catalogue:
    def __init__(self, prices):
        self._prices = dict(prices)
        self.sale_prices = dict(prices)
        self._rw = ReadWriteLock()
        self.lookups = 0
        self.misses = 0

    def price(self, sku):
        self._rw.acquire_read()
        try:
            self.lookups += 1  # expect: GIL002
            found = self._prices.get(sku)
            if found is None:
                self.misses += 1  # expect: GIL002
            return found
        finally:
            self._rw.release_read()

    def reprice(self, sku, factor):
        self._rw.acquire_write()
        try:
            self._prices[sku] = round(self._prices[sku] * factor, 2)  # ok: GIL002
        finally:
            self._rw.release_write()

    def flash_sale(self, floor):
        """Regional promo job bolted on later; it never takes any lock."""
        for sku in list(self.sale_prices):
            if self.sale_prices[sku] > floor:  # expect: GIL003
                self.sale_prices[sku] -= 1  # expect: GIL002


class SearchIndexer(threading.Thread):
    """Rebuilds the trigram search index of product titles in the background."""

    def __init__(self, titles):
        super().__init__(name="indexer")
        self.titles = titles
        self.index = {}

    def run(self):
        for title in self.titles:  # expect: GIL001
            for i in range(len(title) - 2):
                self.index.setdefault(title[i:i + 3], set()).add(title)


def shopper(catalogue, skus, visits, seed):
    rng = random.Random(seed)
    basket = 0.0
    for _ in range(visits):
        basket += catalogue.price(rng.choice(skus)) or 0.0  # ok: GIL002
        time.sleep(0.0002)
    return basket


def repricer(catalogue, skus, rounds):
    for i in range(rounds):
        catalogue.reprice(skus[i % len(skus)], 1.01)
        time.sleep(0.001)


def main():
    skus = [f"sku-{n}" for n in range(10)]
    catalogue = Catalogue({sku: 20.0 + n for n, sku in enumerate(skus)})
    wishlist = skus + ["sku-discontinued"]
    baskets = []

    readers = [
        threading.Thread(target=lambda s=s: baskets.append(shopper(catalogue, wishlist, 60, s)))
        for s in range(5)
    ]
    writers = [threading.Thread(target=repricer, args=(catalogue, skus, 25)) for _ in range(2)]
    promos = [threading.Timer(0.01, catalogue.flash_sale, args=(floor,)) for floor in (25.0, 24.0)]
    indexer = SearchIndexer([f"steel widget model {n:05d}" for n in range(12_000)])

    for t in readers + writers + [indexer]:
        t.start()
    for t in promos:
        t.start()
    for t in readers + writers + promos + [indexer]:
        t.join()

    print(f"lookups={catalogue.lookups} (expected {5 * 60}), misses={catalogue.misses}, "
          f"baskets={[round(b, 2) for b in baskets]}")
    print("final prices:", {k: catalogue.price(k) for k in skus[:3]},
          "sale:", {k: catalogue.sale_prices[k] for k in skus[:6]}, "trigrams:", len(indexer.index))


if __name__ == "__main__":
    main()
