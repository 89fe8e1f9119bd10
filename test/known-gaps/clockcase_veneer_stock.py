"""Veneer stock for a longcase clock case shop, drawn down by case-maker threads.

Each CaseMaker works through its orders (hood, trunk door, plinth panels) and
reserves veneer sheets from the shared VeneerStock.  Cross-banding strips are
kept in a separate, properly locked store.
"""
from __future__ import annotations

import logging
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

log = logging.getLogger("clockcase.veneer")

SHOP = {
    "sheets": {"mahogany": 60, "walnut": 30, "satinwood": 14, "oak": 80},
    "banding": {"boxwood": 200, "ebony": 120, "tulipwood": 60},
    "cut_time": 0.002,
    "makers": {
        "Thomas": ["mahogany", "satinwood", "mahogany"],
        "Elias": ["walnut", "oak", "walnut", "satinwood"],
        "Hannah": ["oak", "mahogany", "satinwood"],
    },
}


@dataclass(frozen=True)
class CaseOrder:
    order_no: int
    customer: str
    species: str
    sheets: int
    banding: str = "boxwood"
    banding_m: int = 6


@dataclass
class CutRecord:
    order_no: int
    species: str
    sheets: int
    by: str = field(default_factory=lambda: threading.current_thread().name)


class VeneerStock:
    def __init__(self, sheets: dict[str, int], banding: dict[str, int]) -> None:
        self.sheets = dict(sheets)
        self.shortfalls = 0
        self.cuts: list[CutRecord] = []
        self._banding = dict(banding)
        self._banding_lock = threading.RLock()

    def _log_cut(self, order: CaseOrder) -> None:
        self.cuts.append(CutRecord(order.order_no, order.species, order.sheets))

    def reserve(self, order: CaseOrder) -> bool:
        if self.sheets.get(order.species, 0) >= order.sheets:  # expect: GIL003
            self._log_cut(order)
            self.sheets[order.species] -= order.sheets  # expect: GIL002
            return True
        self.shortfalls += 1  # expect: GIL002
        return False

    def reserve_banding(self, order: CaseOrder) -> bool:
        with self._banding_lock:
            if self._banding.get(order.banding, 0) >= order.banding_m:  # ok: GIL003
                self._banding[order.banding] -= order.banding_m  # ok: GIL002
                return True
            return False

    def banding_left(self) -> dict[str, int]:
        with self._banding_lock:
            return dict(self._banding)


class CaseMaker:
    def __init__(self, name: str, stock: VeneerStock, orders: list[CaseOrder],
                 cut_time: float) -> None:
        self.name = name
        self.stock = stock
        self.orders = orders
        self.cut_time = cut_time
        self.completed: list[int] = []
        self.waiting: list[int] = []

    def work(self, **overrides) -> None:
        cut_time = overrides.get("cut_time", self.cut_time)
        for order in self.orders:  # ok: GIL001
            if self.stock.reserve(order) and self.stock.reserve_banding(order):
                time.sleep(cut_time)  # saw and knife-cut the leaves
                self.completed.append(order.order_no)
            else:
                self.waiting.append(order.order_no)
        log.info("%s finished %d order(s), %d waiting", self.name,
                 len(self.completed), len(self.waiting))


Runner = Callable[..., threading.Thread]


def spawn(target: Callable[..., None], *, name: str, **kwargs) -> threading.Thread:
    thread = threading.Thread(target=target, name=name, kwargs=kwargs, daemon=True)
    thread.start()
    return thread


class Workshop:
    def __init__(self, runner: Runner = spawn) -> None:
        self._runner = runner
        self.threads: list[threading.Thread] = []

    def open(self, makers: list[CaseMaker], **overrides) -> None:
        for maker in makers:
            self.threads.append(self._runner(maker.work, name=maker.name, **overrides))

    def close(self, timeout: float = 5.0) -> None:
        for thread in self.threads:
            thread.join(timeout)


def plan_orders(shop: dict) -> dict[str, list[CaseOrder]]:
    plans: dict[str, list[CaseOrder]] = {}
    order_no = 1000
    for maker, species_list in shop["makers"].items():
        plans[maker] = []
        for species in species_list:
            order_no += 1
            sheets = 8 if species != "satinwood" else 5
            plans[maker].append(CaseOrder(order_no, f"cust-{order_no}", species, sheets,
                                          banding="ebony" if species == "walnut" else "boxwood"))
    return plans


def main() -> int:
    logging.basicConfig(level=logging.INFO, stream=sys.stdout,
                        format="%(threadName)-8s %(message)s")
    stock = VeneerStock(SHOP["sheets"], SHOP["banding"])
    makers = [CaseMaker(name, stock, orders, SHOP["cut_time"])
              for name, orders in plan_orders(SHOP).items()]
    shop = Workshop()
    start = time.perf_counter()
    shop.open(makers, cut_time=SHOP["cut_time"])
    shop.close()
    done = sum(len(m.completed) for m in makers)
    print(f"completed={done} shortfalls={stock.shortfalls} cuts={len(stock.cuts)} "
          f"sheets={stock.sheets} banding={stock.banding_left()} "
          f"wall={time.perf_counter() - start:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
