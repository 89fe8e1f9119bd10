"""Tile-yard order book fed over local sockets.

The yard office (a thread) writes roof-tile orders down one socket and the
merchants' invoices down another.  An asyncio service reads both streams and
keeps an OrderBook that a pricing thread also reads.  Uses socket.socketpair,
so nothing leaves the machine.
"""
from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from dataclasses import dataclass
from typing import Iterable

log = logging.getLogger("tilery.orders")

PRICES_P = {"plain": 38, "pantile": 95, "ridge": 410, "valley": 260}
FEED = {"order_gap_s": 0.004, "invoice_gap_s": 0.003, "chunk": 4096}


@dataclass(frozen=True)
class Order:
    customer: str
    kind: str
    qty: int

    @classmethod
    def parse(cls, line: str) -> "Order":
        customer, kind, qty = line.split(",")
        return cls(customer.strip(), kind.strip(), int(qty))

    def encode(self) -> bytes:
        return f"{self.customer},{self.kind},{self.qty}\n".encode()


class OrderBook:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._orders: list[Order] = []
        self.invoiced_p = 0

    def add(self, order: Order) -> None:
        self._lock.acquire()  # expect: GIL005
        if order.qty <= 0 or order.kind not in PRICES_P:
            raise ValueError(f"bad order line: {order}")
        self._orders.append(order)
        self._lock.release()

    def snapshot(self) -> list[Order]:
        self._lock.acquire()  # ok: GIL005
        try:
            return list(self._orders)
        finally:
            self._lock.release()

    def add_invoice(self, pence: int) -> None:
        with self._lock:
            self.invoiced_p += pence  # ok: GIL002


def office_feed(sock: socket.socket, lines: Iterable[bytes], gap_s: float) -> None:
    try:
        for line in lines:
            sock.sendall(line)
            time.sleep(gap_s)  # ok: GIL004
        sock.sendall(b"END\n")
    finally:
        sock.close()


def price_orders(book: OrderBook, rounds: int, out: list[int]) -> None:
    for _ in range(rounds):  # ok: GIL001
        total = sum(PRICES_P[o.kind] * o.qty for o in book.snapshot())
        out.append(total)
        time.sleep(0.01)


def split_lines(buf: bytes) -> tuple[list[str], bytes]:
    *lines, rest = buf.split(b"\n")
    return [ln.decode() for ln in lines if ln], rest


async def read_orders(sock: socket.socket, book: OrderBook, chunk: int) -> int:
    buf, count = b"", 0
    while True:
        data = sock.recv(chunk)  # expect: GIL004
        if not data:
            break
        lines, buf = split_lines(buf + data)
        for line in lines:
            if line == "END":
                return count
            book.add(Order.parse(line))
            count += 1
        await asyncio.sleep(0)
    return count


async def read_invoices(sock: socket.socket, book: OrderBook, chunk: int) -> int:
    loop = asyncio.get_running_loop()
    sock.setblocking(False)
    buf, count = b"", 0
    while True:
        data = await loop.sock_recv(sock, chunk)  # ok: GIL004
        if not data:
            return count
        lines, buf = split_lines(buf + data)
        for line in lines:
            if line != "END":
                book.add_invoice(int(line))
                count += 1


def make_orders(n: int) -> list[Order]:
    kinds = list(PRICES_P)
    return [Order(f"cust{i % 5}", kinds[i % len(kinds)], 50 + 25 * (i % 7)) for i in range(n)]


async def main() -> None:
    logging.basicConfig(level=logging.INFO)
    book = OrderBook()
    orders = make_orders(30)
    o_reader, o_writer = socket.socketpair()
    i_reader, i_writer = socket.socketpair()
    invoice_lines = [f"{PRICES_P[o.kind] * o.qty}\n".encode() for o in orders[::3]]
    totals: list[int] = []
    threads = [
        threading.Thread(target=office_feed, args=(o_writer, (o.encode() for o in orders), FEED["order_gap_s"]),
                         name="office-orders"),
        threading.Thread(target=office_feed, args=(i_writer, invoice_lines, FEED["invoice_gap_s"]),
                         name="office-invoices"),
        threading.Thread(target=price_orders, args=(book, 5, totals), name="pricer"),
    ]
    for t in threads:
        t.start()
    try:
        n_orders, n_invoices = await asyncio.gather(
            read_orders(o_reader, book, FEED["chunk"]),
            read_invoices(i_reader, book, FEED["chunk"]),
        )
    finally:
        o_reader.close()
        i_reader.close()
    for t in threads:
        t.join()
    value = sum(PRICES_P[o.kind] * o.qty for o in book.snapshot())
    print(f"orders = {n_orders}, invoices = {n_invoices}, book value = {value} p, "
          f"invoiced = {book.invoiced_p} p, pricer passes = {len(totals)}")


if __name__ == "__main__":
    asyncio.run(main())
