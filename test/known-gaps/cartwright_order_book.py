"""Cartwright order book.

Orders for wagons are placed in a locked order book (by the office and by a
walk-in counter thread), then a thread pool reserves timber from the yard and
prices each wagon from a sampled rim profile. Pricing options are forwarded as
keyword arguments through submit().
"""
from __future__ import annotations

import logging
import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass

log = logging.getLogger("cartwright.orders")

WAGON_KINDS = {"hay": ("elm", 1.4, 5), "dray": ("oak", 2.1, 6), "cart": ("ash", 0.9, 4)}


@dataclass
class Order:
    order_id: int
    customer: str
    kind: str
    wheel_mm: int


class OrderBook:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._orders: dict[int, Order] = {}
        self.next_id = 1

    def place(self, customer: str, kind: str, wheel_mm: int = 1_300) -> int:
        self._lock.acquire()  # expect: GIL005
        if kind not in WAGON_KINDS:
            raise KeyError(f"unknown wagon kind {kind!r}")
        order_id = self.next_id
        self.next_id = order_id + 1
        self._orders[order_id] = Order(order_id, customer, kind, wheel_mm)
        self._lock.release()
        return order_id

    def try_cancel(self, order_id: int) -> bool:
        if not self._lock.acquire(blocking=False):  # ok: GIL005
            return False
        try:
            return self._orders.pop(order_id, None) is not None
        finally:
            self._lock.release()

    def snapshot(self) -> list[Order]:
        with self._lock:
            return sorted(self._orders.values(), key=lambda o: o.order_id)


class TimberYard:
    def __init__(self, **stock_m3: float) -> None:
        self.stock = dict(stock_m3)
        self._lock = threading.RLock()
        self.chalked: list[tuple[int, str, float]] = []

    def reserve(self, order_id: int, wood: str, m3: float) -> bool:
        if self.stock[wood] >= m3:  # expect: GIL003
            time.sleep(0.002)  # walk to the stack and chalk the boards
            self.stock[wood] -= m3  # expect: GIL002
            self.chalked.append((order_id, wood, m3))
            return True
        return False

    def put_back(self, wood: str, m3: float) -> None:
        with self._lock:
            self.stock[wood] += m3  # ok: GIL002


def process_order(order: Order, yard: TimberYard, *, oak_price: float, labour_rate: float,
                  samples_per_spoke: int = 4_000, **extra: float) -> tuple[int, float]:
    wood, m3, spokes = WAGON_KINDS[order.kind]
    if not yard.reserve(order.order_id, wood, m3):
        return order.order_id, -1.0
    n = spokes * 4 * samples_per_spoke
    r = order.wheel_mm / 2
    ang = 2 * math.pi / n
    rim = sum(math.hypot(r * math.cos(ang * k), 0.93 * r * math.sin(ang * k)) for k in range(n)) / n  # expect: GIL001
    cost = m3 * oak_price * (1.2 if wood == "oak" else 1.0) + rim * 2 * math.pi / 1_000 * labour_rate
    if extra.get("cancel_if_over") and cost > extra["cancel_if_over"]:
        yard.put_back(wood, m3)
        return order.order_id, -2.0
    return order.order_id, round(cost, 2)


def walk_in_counter(book: OrderBook, visitors: list[tuple[str, str]], placed: list[int]) -> None:
    for customer, kind in visitors:  # ok: GIL001
        time.sleep(0.003)  # chatting about axle grease
        placed.append(book.place(customer, kind))


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    book = OrderBook()
    yard = TimberYard(oak=6.0, ash=4.0, elm=6.0)
    placed: list[int] = []
    counter = threading.Thread(target=walk_in_counter, name="counter",
                               args=(book, [("Miller", "cart"), ("Tanner", "hay"), ("Smith", "dray")], placed))
    counter.start()
    for customer, kind in [("Abbey Farm", "hay"), ("Brewery", "dray"), ("Carrier", "cart"),
                           ("Dairy", "hay"), ("Estate", "dray"), ("Forge", "cart")]:
        placed.append(book.place(customer, kind, wheel_mm=1_250))
    counter.join()
    cancelled = book.try_cancel(placed[-1])
    pricing = {"oak_price": 310.0, "labour_rate": 42.0, "cancel_if_over": 5_000.0}
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="wright") as pool:
        futures = [pool.submit(process_order, order, yard, **pricing) for order in book.snapshot()]
        wait(futures)
    quotes = dict(f.result() for f in futures)
    print(f"orders placed {len(placed)}, cancelled last: {cancelled}")
    print(f"quotes: {quotes}")
    print(f"yard left {dict((k, round(v, 2)) for k, v in yard.stock.items())}; "
          f"chalked {len(yard.chalked)}; priced in {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
