"""Quayside catch auction: a Dutch clock auction with bidder threads.

The clock price of every lot drops each tick.  Bidder closures built by a
factory watch the clock and buy when the price meets their budget.  Careful
bidders go through the auction board; the "sharp" buyers grab lots directly.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple

log = logging.getLogger("fishmonger.auction")

AUCTION_CONFIG = {
    "ticks": 12,
    "tick_s": 0.002,
    "drop_per_tick": 0.06,
    "bidders": {
        "harbour-fish": {"budget": 9.0},
        "eastside-deli": {"budget": 11.5},
        "grill-house": {"budget": 7.5},
        "sharp-sam": {"budget": 12.5, "sharp": True},
        "quick-quinn": {"budget": 12.0, "sharp": True},
    },
}

CATCH = [
    ("cod", 14, 12.0), ("haddock", 9, 10.5), ("plaice", 6, 13.0), ("monkfish", 4, 19.0),
    ("hake", 11, 9.8), ("whiting", 15, 7.9), ("turbot", 3, 24.0), ("mackerel", 20, 6.5),
]


@dataclass
class Lot:
    lot_id: str
    species: str
    boxes: int
    start_per_box: float
    status: str = "open"
    buyer: Optional[str] = None
    price_per_box: float = 0.0

    @property
    def value(self) -> float:
        return round(self.boxes * self.price_per_box, 2)


@dataclass
class AuctionBoard:
    lots: List[Lot]
    ticks: int
    drop_per_tick: float
    sold_log: List[Tuple[str, str, float]] = field(default_factory=list)
    _listeners: List[Callable[[Lot], None]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def on_sale(self, callback: Callable[[Lot], None]) -> Callable[[Lot], None]:
        self._listeners.append(callback)
        return callback

    def clock_price(self, lot: Lot, tick: int) -> float:
        return round(lot.start_per_box * (1.0 - self.drop_per_tick * tick), 2)

    def close_lot(self, lot: Lot, buyer: str, price: float) -> bool:
        with self._lock:
            if lot.status == "open":  # ok: GIL003
                lot.status = "sold"
                lot.buyer = buyer
                lot.price_per_box = price
                self._announce(lot)
                return True
        return False

    def _announce(self, lot: Lot) -> None:
        for callback in self._listeners:
            callback(lot)


def make_bid_counter() -> Tuple[Callable[[], int], Callable[[], int]]:
    count = 0

    def bump() -> int:
        nonlocal count
        count += 1  # expect: GIL002
        return count

    def total() -> int:
        return count

    return bump, total


def make_bidder(name: str, board: AuctionBoard, bump: Callable[[], int], *,
                budget: float, sharp: bool = False, tick_s: float = 0.002) -> Callable[[], None]:
    def grab(lot: Lot, price: float) -> None:
        if lot.status == "open":  # expect: GIL003
            lot.status = "sold"
            lot.buyer = name
            lot.price_per_box = price
            board.sold_log.append((lot.lot_id, name, price))

    def watch_clock() -> None:
        for tick in range(board.ticks):  # ok: GIL001
            for lot in board.lots:
                price = board.clock_price(lot, tick)
                if price > budget:
                    continue
                bump()
                if sharp:
                    grab(lot, price)
                else:
                    board.close_lot(lot, name, price)
            time.sleep(tick_s)

    watch_clock.__name__ = f"bidder_{name}"
    return watch_clock


class AuctionFloor:
    def __init__(self, config: dict) -> None:
        lots = [Lot(f"L{i:02d}", sp, boxes, start) for i, (sp, boxes, start) in enumerate(CATCH)]
        self.board = AuctionBoard(lots, config["ticks"], config["drop_per_tick"])
        self.bump, self.total_bids = make_bid_counter()
        self._targets: Dict[str, Callable[[], None]] = {}
        for name, opts in config["bidders"].items():
            self._targets[name] = make_bidder(name, self.board, self.bump,
                                              tick_s=config["tick_s"], **opts)
        self.board.on_sale(self._log_sale)

    def _log_sale(self, lot: Lot) -> None:
        self.board.sold_log.append((lot.lot_id, lot.buyer or "?", lot.price_per_box))

    def run(self) -> None:
        threads = [threading.Thread(target=fn, name=name) for name, fn in self._targets.items()]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    floor = AuctionFloor(AUCTION_CONFIG)
    started = time.perf_counter()
    floor.run()
    for lot in floor.board.lots:
        log.info("%s %-9s %2d boxes  %-13s %6.2f/box  %7.2f", lot.lot_id, lot.species,
                 lot.boxes, lot.buyer or "unsold", lot.price_per_box, lot.value)
    log.info("bids=%d sales=%d in %.2fs", floor.total_bids(), len(floor.board.sold_log),
             time.perf_counter() - started)


if __name__ == "__main__":
    main()
