"""Smithy order book: apprentices draw iron and coal from a shared stockroom.

Each apprentice is a Thread whose target is one of its own methods; the stockroom guards
coal with a synchronized decorator, but iron bars are still counted by hand.
"""
from __future__ import annotations

import functools
import logging
import threading
import time
from dataclasses import dataclass
from typing import Iterable

log = logging.getLogger("smithy.orders")

SHOP_CONFIG = {
    "iron_bars": 30,
    "coal_kg": 400,
    "apprentices": 4,
    "orders_each": 5,
    "hammer_s": 0.002,
}


def synchronized(method):
    """Run the method with the instance's ``_lock`` held."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)

    return wrapper


@dataclass(frozen=True)
class Order:
    order_id: str
    item: str
    bars: int
    coal_kg: int


class Stockroom:
    def __init__(self, iron_bars: int, coal_kg: int):
        self._lock = threading.RLock()
        self.iron_bars = iron_bars
        self.coal_kg = coal_kg

    def take_iron(self, bars: int) -> bool:
        if self.iron_bars >= bars:  # expect: GIL003
            time.sleep(0.001)  # walk to the rack and count
            self.iron_bars -= bars  # expect: GIL002
            return True
        return False

    @synchronized
    def burn_coal(self, kg: int) -> bool:
        if self.coal_kg >= kg:  # ok: GIL003
            self.coal_kg -= kg  # ok: GIL002
            return True
        return False

    @synchronized
    def return_coal(self, kg: int) -> None:
        self.coal_kg += kg  # ok: GIL002


class OrderLedger:
    def __init__(self):
        self._cond = threading.Condition()
        self.completed = 0
        self.refused: list[str] = []

    def complete(self, order: Order) -> None:
        with self._cond:
            self.completed += 1  # ok: GIL002
            self._cond.notify_all()

    def refuse(self, order: Order, reason: str) -> None:
        with self._cond:
            self.refused.append(f"{order.order_id}:{reason}")
            self._cond.notify_all()

    def wait_until(self, total: int, timeout: float = 5.0) -> bool:
        with self._cond:
            return self._cond.wait_for(
                lambda: self.completed + len(self.refused) >= total, timeout=timeout
            )


class Apprentice(threading.Thread):
    def __init__(self, name: str, stock: Stockroom, ledger: OrderLedger,
                 orders: Iterable[Order], **thread_kwargs):
        super().__init__(name=name, target=self._work, args=(list(orders),), **thread_kwargs)
        self.stock = stock
        self.ledger = ledger

    def _hammer(self, order: Order) -> None:
        time.sleep(SHOP_CONFIG["hammer_s"] * order.bars)

    def _work(self, orders: list[Order]) -> None:
        for order in orders:  # ok: GIL001
            if not self.stock.take_iron(order.bars):
                self.ledger.refuse(order, "no iron")
                continue
            if not self.stock.burn_coal(order.coal_kg):
                self.ledger.refuse(order, "no coal")
                continue
            self._hammer(order)
            if order.item == "test-piece":
                self.stock.return_coal(order.coal_kg // 2)
            self.ledger.complete(order)


def order_book(apprentices: int, per_apprentice: int) -> dict[str, list[Order]]:
    items = ("horseshoe", "hinge", "poker", "test-piece")
    book: dict[str, list[Order]] = {}
    for a in range(apprentices):
        name = f"apprentice-{a}"
        book[name] = [
            Order(f"{a}-{k}", items[(a + k) % len(items)], bars=2, coal_kg=15)
            for k in range(per_apprentice)
        ]
    return book


def run_shop(config: dict) -> tuple[Stockroom, OrderLedger]:
    stock = Stockroom(config["iron_bars"], config["coal_kg"])
    ledger = OrderLedger()
    book = order_book(config["apprentices"], config["orders_each"])
    crew = [Apprentice(name, stock, ledger, orders, daemon=True) for name, orders in book.items()]
    for apprentice in crew:
        apprentice.start()
    total = sum(len(orders) for orders in book.values())
    if not ledger.wait_until(total):
        log.error("shop did not finish in time")
    for apprentice in crew:
        apprentice.join()
    return stock, ledger


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    stock, ledger = run_shop(SHOP_CONFIG)
    print(f"completed={ledger.completed} refused={len(ledger.refused)}")
    print(f"iron left = {stock.iron_bars} (never below 0)")
    print(f"coal left = {stock.coal_kg} kg")
    print(f"shop closed in {time.perf_counter() - started:.3f}s")


if __name__ == "__main__":
    main()
