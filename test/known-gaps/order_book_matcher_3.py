"""Exchange order book: trader threads submit limit orders to a shared price-time matcher."""
import heapq
import itertools
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

TRADERS = 6
ORDERS_PER_TRADER = 150
MID_PRICE = 100


@dataclass
class Order:
    trader: str
    side: str
    price: int
    qty: int


@dataclass(frozen=True)
class Fill:
    buyer: str
    seller: str
    price: int
    qty: int


class OrderBook:
    def __init__(self):
        self._lock = threading.Lock()
        self._seq = itertools.count()
        self.bids = []
        self.asks = []
        self.volume = 0
        self.fills = []

    def submit(self, order):
        self._lock.acquire()  # expect: GIL005
        if order.qty <= 0:
            return []
        fills = self._match(order)
        self.fills.extend(fills)
        self._lock.release()
        self.volume += sum(f.qty for f in fills)  # expect: GIL002
        return fills

    def _match(self, order):
        fills = []
        if order.side == "buy":
            book, opposite, crosses = self.bids, self.asks, lambda p: p <= order.price
        else:
            book, opposite, crosses = self.asks, self.bids, lambda p: p >= order.price
        while order.qty and opposite:
            key, _, resting = opposite[0]
            price = key if order.side == "buy" else -key
            if not crosses(price):
                break
            qty = min(order.qty, resting.qty)
            buyer, seller = ((order.trader, resting.trader) if order.side == "buy"
                             else (resting.trader, order.trader))
            fills.append(Fill(buyer, seller, price, qty))
            order.qty -= qty
            resting.qty -= qty
            if resting.qty == 0:
                heapq.heappop(opposite)
        if order.qty:
            key = -order.price if order.side == "buy" else order.price
            heapq.heappush(book, (key, next(self._seq), order))
        return fills

    def best_prices(self):
        self._lock.acquire()  # ok: GIL005
        try:
            bid = -self.bids[0][0] if self.bids else None
            ask = self.asks[0][0] if self.asks else None
            return bid, ask
        finally:
            self._lock.release()


class Trader:
    def __init__(self, name, book, seed):
        self.name = name
        self.book = book
        self.rng = random.Random(seed)

    def run(self):
        filled = 0
        for _ in range(ORDERS_PER_TRADER):
            side = self.rng.choice(("buy", "sell"))
            skew = -1 if side == "buy" else 1
            price = MID_PRICE + skew * self.rng.randint(0, 3) + self.rng.randint(-2, 2)
            order = Order(self.name, side, price, self.rng.randint(1, 20))
            filled += sum(f.qty for f in self.book.submit(order))
        return self.name, filled


def main():
    book = OrderBook()
    traders = [Trader(f"T{i}", book, seed=i) for i in range(TRADERS)]
    with ThreadPoolExecutor(max_workers=TRADERS) as pool:
        futures = [pool.submit(t.run) for t in traders]
        results = [f.result() for f in futures]
    for name, filled in results:
        print(f"{name}: filled {filled}")
    print("fills:", len(book.fills), "volume:", book.volume)
    print("best bid/ask:", book.best_prices())


if __name__ == "__main__":
    main()
