"""Checkout event bus: listeners registered on an emitter run in a worker pool.

The main thread emits 40 "order" events and 4 "high_value" events; every
listener call is submitted to a 4-thread ThreadPoolExecutor, so one listener
object is handed to several worker threads at once.
"""
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

ORDER_COUNT = 40
SIGNATURE_TABLE_SIZE = 250_000   # fraud signatures scored per high-value order


class PooledEmitter:
    def __init__(self, pool):
        self._pool = pool
        self._listeners = defaultdict(list)
        self._pending = []

    def on(self, kind, listener):
        self._listeners[kind].append(listener)

    def emit(self, kind, payload):
        for listener in self._listeners[kind]:
            self._pending.append(self._pool.submit(listener.handle, payload))

    def drain(self):
        for fut in self._pending:
            fut.result()
        self._pending.clear()


class RevenueListener:
    def __init__(self):
        self.total_cents = 0
        self._lock = threading.Lock()

    def handle(self, order):
        with self._lock:
            self.total_cents += order["cents"]  # ok: GIL002


class OrderCounter:
    def __init__(self):
        self.orders_seen = 0

    def handle(self, order):
        self.orders_seen += 1  # expect: GIL002


class TaxListener:
    BRACKETS = [(1000, 0.05), (3000, 0.07), (6000, 0.09), (10**9, 0.11)]

    def __init__(self):
        self.tax_by_order = {}

    def handle(self, order):
        rate = 0.0
        for limit, bracket_rate in self.BRACKETS:  # ok: GIL001
            if order["cents"] <= limit:
                rate = bracket_rate
                break
        self.tax_by_order[order["id"]] = round(order["cents"] * rate)


class FraudScoreListener:
    def __init__(self):
        self.flagged = []

    def handle(self, order):
        score = 0
        for sig in range(SIGNATURE_TABLE_SIZE):  # expect: GIL001
            score = (score * 31 + (sig ^ order["cents"])) % 1_000_003
        if score % 7 == 0:
            self.flagged.append(order["id"])


def main():
    revenue, counter = RevenueListener(), OrderCounter()
    tax, fraud = TaxListener(), FraudScoreListener()
    with ThreadPoolExecutor(max_workers=4) as pool:
        bus = PooledEmitter(pool)
        for listener in (revenue, counter, tax):
            bus.on("order", listener)
        bus.on("high_value", fraud)
        for i in range(ORDER_COUNT):
            order = {"id": i, "cents": 1999 + (i * 137) % 5000}
            bus.emit("order", order)
            if i % 10 == 0:
                bus.emit("high_value", order)
        bus.drain()
    print(f"orders={counter.orders_seen} revenue={revenue.total_cents / 100:.2f} "
          f"taxed={len(tax.tax_by_order)} flagged={fraud.flagged}")


if __name__ == "__main__":
    main()
