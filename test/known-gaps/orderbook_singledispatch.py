"""Order book feed: messages are applied by a functools.singledispatch
function, fanned out over a thread pool through functools.partial."""
import functools
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

CONFIG = {"workers": 4, "depth_levels": 300_000, "new_orders": 40, "cancels": 12}


@dataclass(frozen=True)
class NewOrder:
    order_id: int
    side: str
    price: float
    qty: int


@dataclass(frozen=True)
class Cancel:
    order_id: int


@dataclass(frozen=True)
class DepthSnapshot:
    symbol: str
    levels: int


class Book:
    def __init__(self):
        self.lock = threading.Lock()
        self.orders = {}
        self.vwap = {}


@functools.singledispatch
def apply(msg, book):
    raise TypeError(f"unsupported message {type(msg).__name__}")


@apply.register
def _(msg: NewOrder, book):
    if msg.order_id not in book.orders:  # expect: GIL003
        book.orders[msg.order_id] = (msg.side, msg.price, msg.qty)


@apply.register
def _(msg: Cancel, book):
    with book.lock:
        if msg.order_id in book.orders:  # ok: GIL003
            del book.orders[msg.order_id]


@apply.register
def _(msg: DepthSnapshot, book):
    notional = 0.0
    volume = 0
    for level in range(msg.levels):  # expect: GIL001
        price = 100.0 + (level % 500) * 0.01
        qty = 1 + (level * 7) % 13
        notional += price * qty
        volume += qty
    with book.lock:
        book.vwap[msg.symbol] = notional / volume


def build_feed():
    feed = []
    for i in range(CONFIG["new_orders"]):
        feed.append(NewOrder(order_id=i % 30, side="buy" if i % 2 else "sell",
                             price=100.0 + i * 0.05, qty=10 + i))
    for i in range(CONFIG["cancels"]):
        feed.append(Cancel(order_id=i * 2))
    feed.append(DepthSnapshot("ACME", CONFIG["depth_levels"]))
    feed.append(DepthSnapshot("GLBX", CONFIG["depth_levels"]))
    return feed


def main():
    book = Book()
    handler = functools.partial(apply, book=book)
    with ThreadPoolExecutor(max_workers=CONFIG["workers"]) as pool:
        list(pool.map(handler, build_feed()))
    print("resting orders:", len(book.orders))
    print("vwap:", {k: round(v, 4) for k, v in book.vwap.items()})


if __name__ == "__main__":
    main()
