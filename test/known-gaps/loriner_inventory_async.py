"""Async stock desk for a loriner's warehouse (bits, buckles, stirrup irons).

A supplier feed thread pushes price lines over a local socket pair; the event loop reads
the feed, applies prices and books reservations and restocks through the default executor.
"""
import asyncio
import logging
import socket
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("loriner.stock")

DESK = {
    "stock": {"eggbutt-14": 12, "dee-ring-13": 6, "stirrup-12": 9, "buckle-19": 40},
    "price_lines": [("eggbutt-14", "38.50"), ("stirrup-12", "61.00"), ("buckle-19", "4.25"),
                    ("dee-ring-13", "44.10"), ("stirrup-12", "59.75")],
    "feed_gap_s": 0.01,
    "lock_timeout_s": 0.5,
}


@dataclass
class Reservation:
    order: str
    sku: str
    qty: str
    ok: bool = False


@dataclass
class PriceBoard:
    prices: dict = field(default_factory=dict)
    updates: int = 0

    def apply(self, line: str) -> None:
        sku, _, price = line.partition("=")
        self.prices[sku] = float(price)


class StockBook:
    """Stock levels shared by every executor thread that books against them."""

    def __init__(self, stock: dict, lock_timeout_s: float):
        self.stock = dict(stock)
        self.reserved = {}
        self._lock = threading.Lock()
        self._timeout = lock_timeout_s

    def reserve(self, sku: str, raw_qty: str) -> bool:
        if not self._lock.acquire(timeout=self._timeout):  # ok: GIL005
            raise TimeoutError("stock book busy")
        try:
            qty = int(raw_qty)
            if self.stock.get(sku, 0) >= qty:  # ok: GIL003
                self.stock[sku] -= qty  # ok: GIL002
                self.reserved[sku] = self.reserved.get(sku, 0) + qty
                return True
            return False
        finally:
            self._lock.release()

    def restock(self, sku: str, raw_qty: str) -> int:
        self._lock.acquire()  # expect: GIL005
        qty = int(raw_qty)
        self.stock[sku] = self.stock.get(sku, 0) + qty
        level = self.stock[sku]
        self._lock.release()
        return level


def supplier_feed(conn: socket.socket, lines, gap_s: float) -> None:
    """Runs in a plain thread: blocking socket writes and sleeps are fine here."""
    try:
        for sku, price in lines:
            conn.sendall(f"{sku}={price}\n".encode())
            time.sleep(gap_s)  # ok: GIL004
    finally:
        conn.close()


class StockDesk:
    def __init__(self, book: StockBook, board: PriceBoard):
        self.book = book
        self.board = board

    async def read_feed(self, feed: socket.socket) -> int:
        buf = b""
        while True:
            chunk = feed.recv(4096)  # expect: GIL004
            if not chunk:
                break
            buf += chunk
            *lines, buf = buf.split(b"\n")
            for line in lines:
                self.board.apply(line.decode())
                self.board.updates += 1
            await asyncio.sleep(0)
        return self.board.updates

    async def read_audit(self, audit: socket.socket) -> list:
        loop = asyncio.get_running_loop()
        entries = []
        while True:
            chunk = await loop.sock_recv(audit, 1024)  # ok: GIL004
            if not chunk:
                return entries
            entries.extend(chunk.decode().split())

    async def place(self, res: Reservation) -> Reservation:
        loop = asyncio.get_running_loop()
        res.ok = await loop.run_in_executor(None, self.book.reserve, res.sku, res.qty)
        return res

    async def restock(self, sku: str, qty: str) -> int:
        return await asyncio.to_thread(self.book.restock, sku, qty)


async def audit_writer(sock: socket.socket, names) -> None:
    loop = asyncio.get_running_loop()
    for name in names:
        await loop.sock_sendall(sock, f"{name} ".encode())
        await asyncio.sleep(0.002)
    sock.close()


async def main():
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    book = StockBook(DESK["stock"], DESK["lock_timeout_s"])
    desk = StockDesk(book, PriceBoard())

    feed_rx, feed_tx = socket.socketpair()
    feeder = threading.Thread(target=supplier_feed, name="supplier-feed",
                              args=(feed_tx, DESK["price_lines"], DESK["feed_gap_s"]))
    audit_rx, audit_tx = socket.socketpair()
    audit_rx.setblocking(False)
    audit_tx.setblocking(False)

    started = time.perf_counter()
    feeder.start()
    orders = [Reservation("PO-1", "eggbutt-14", "5"), Reservation("PO-2", "dee-ring-13", "7"),
              Reservation("PO-3", "stirrup-12", "4"), Reservation("PO-4", "eggbutt-14", "6")]
    results = await asyncio.gather(
        desk.read_feed(feed_rx),
        desk.read_audit(audit_rx),
        audit_writer(audit_tx, [o.order for o in orders]),
        *(desk.place(o) for o in orders),
        desk.restock("dee-ring-13", "10"),
    )
    feeder.join()
    feed_rx.close()
    audit_rx.close()

    updates, audit = results[0], results[1]
    booked = results[3:3 + len(orders)]
    print(f"{updates} price updates, audit saw {audit}")
    for res in booked:
        price = desk.board.prices.get(res.sku, 0.0)
        print(f"  {res.order} {res.sku:12s} x{res.qty:>2s} {'booked' if res.ok else 'short '} "
              f"@ {price:.2f}")
    print("stock now", book.stock, f"in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
