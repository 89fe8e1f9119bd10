# Models trader objects placing orders on a shared order book from lambda-started threads.
import random
import threading
import time
from dataclasses import dataclass


@dataclass
class Order:
    order_id: int
    trader: str
    side: str
    price: float
    qty: int


class OrderBook:
    def __init__(self):
        self.bids = []
        self.asks = []
        self.fills = []
        self.next_order_id = 1
        self.trades = 0
        self._lock = threading.Lock()

    def new_id(self):
        oid = self.next_order_id
        self.next_order_id += 1  # expect: GIL002
        return oid

    def add(self, order):
        with self._lock:
            book = self.bids if order.side == "buy" else self.asks
            book.append(order)
            self.bids.sort(key=lambda o: -o.price)
            self.asks.sort(key=lambda o: o.price)
            self._match_locked()

    def _match_locked(self):
        while self.bids and self.asks and self.bids[0].price >= self.asks[0].price:  # ok: GIL003
            bid, ask = self.bids.pop(0), self.asks.pop(0)
            qty = min(bid.qty, ask.qty)
            self.fills.append((bid.trader, ask.trader, ask.price, qty))
            self.trades += 1  # ok: GIL002

    def lift_best_ask(self):
        """Market buy: take whatever is at the top of the ask side."""
        if self.asks:  # expect: GIL003
            return self.asks.pop(0)
        return None

    def drain_fills(self, sink):
        while True:
            self._lock.acquire()  # expect: GIL005
            if not self.fills:
                break
            fill = self.fills.pop(0)
            self._lock.release()
            sink.append(fill)
        return len(sink)


class SlippageModel:
    """Estimates average slippage by replaying a synthetic stream of market orders."""

    def __init__(self, seed):
        self.seed = seed
        self.estimate = None

    def simulate(self, n_orders, depth):
        rng = random.Random(self.seed)
        total = 0.0
        for _ in range(n_orders):  # expect: GIL001
            size = rng.randint(1, 20)
            levels_hit = (size + depth - 1) // depth
            total += levels_hit * 0.01
        self.estimate = total / n_orders


class Trader:
    def __init__(self, name, side, seed):
        self.name = name
        self.side = side
        self.rng = random.Random(seed)
        self.placed = 0

    def trade(self, book, n_orders):
        for _ in range(n_orders):  # ok: GIL001
            price = round(100 + self.rng.uniform(-1.0, 1.0), 2)
            book.add(Order(book.new_id(), self.name, self.side, price, self.rng.randint(1, 5)))
            self.placed += 1  # ok: GIL002
            time.sleep(0.001)

    def sweep(self, book, times):
        taken = []
        for _ in range(times):
            order = book.lift_best_ask()
            if order is not None:
                taken.append(order)
            time.sleep(0.002)
        return taken


def main():
    book = OrderBook()
    buyers = [Trader(f"buy-{i}", "buy", seed=i) for i in range(2)]
    sellers = [Trader(f"sell-{i}", "sell", seed=10 + i) for i in range(2)]
    sweeper = Trader("sweeper", "buy", seed=99)
    swept = []
    slippage = SlippageModel(seed=5)

    threads = [threading.Thread(target=lambda t=t: t.trade(book, 25)) for t in buyers + sellers]
    threads.append(threading.Thread(target=lambda: swept.extend(sweeper.sweep(book, 10))))
    threads.append(threading.Thread(target=slippage.simulate, args=(150_000, 5)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    fills = []
    book.drain_fills(fills)
    print("orders placed:", sum(t.placed for t in buyers + sellers), "next id:", book.next_order_id)
    print("trades:", book.trades, "drained fills:", len(fills), "swept:", len(swept))
    print("resting bids/asks:", len(book.bids), len(book.asks), "slippage:", round(slippage.estimate, 4))


if __name__ == "__main__":
    main()
