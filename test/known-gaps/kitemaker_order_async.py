"""Kitemaker's order desk (asyncio).

The desk and the workshop talk over a local socket pair with asyncio streams.
Prices come from a price book that can also ask the remote price service;
receipts go to a receipt printer that is driven by its own thread on the
other end of a second socket pair.
"""
from __future__ import annotations

import asyncio
import functools
import json
import logging
import os
import socket
import tempfile
import threading
import time
from dataclasses import dataclass
from urllib.request import urlopen

log = logging.getLogger("kites.desk")

ORDER_DESK = {
    "remote_prices": False,
    "price_url": "http://prices.invalid/kites",
    "prices": {"diamond": 12.0, "box": 18.5, "delta": 15.0, "sled": 9.75},
    "orders": [("diamond", 2), ("box", 1), ("delta", 3), ("sled", 4), ("box", 2)],
}


def audited(coro_fn):
    @functools.wraps(coro_fn)
    async def wrapper(self, *args, **kwargs):
        result = await coro_fn(self, *args, **kwargs)
        self.audit.append(f"{coro_fn.__name__}{args!r} -> {result!r}")
        return result
    return wrapper


@dataclass(frozen=True)
class Order:
    number: int
    sku: str
    qty: int


class PriceBook:
    def __init__(self, url: str, remote: bool, local: dict[str, float]) -> None:
        self.url = url
        self.remote = remote
        self.local = dict(local)

    def lookup(self, sku: str) -> float:
        if self.remote:
            with urlopen(f"{self.url}/{sku}", timeout=2) as resp:  # expect: GIL004
                return float(resp.read())
        return self.local[sku]

    def fetch_catalogue(self, *, timeout: float = 2.0) -> dict[str, float]:
        if not self.remote:
            return dict(self.local)
        with urlopen(self.url, timeout=timeout) as resp:  # ok: GIL004
            return json.loads(resp.read())


def receipt_printer(sock: socket.socket, out_path: str, lines: list[str]) -> None:
    """Runs in its own thread on the device end of the printer socket."""
    pending = b""
    with open(out_path, "w", encoding="utf-8") as paper:
        while True:  # ok: GIL001
            data = sock.recv(1024)  # ok: GIL004
            if not data:
                break
            pending += data
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                paper.write(line.decode() + "\n")
                lines.append(line.decode())


class OrderDesk:
    def __init__(self, book: PriceBook, printer: socket.socket,
                 reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.book = book
        self.printer = printer
        self.reader = reader
        self.writer = writer
        self.audit: list[str] = []

    @audited
    async def quote(self, order: Order) -> float:
        unit = self.book.lookup(order.sku)
        await asyncio.sleep(0)  # ok: GIL004
        return round(unit * order.qty, 2)

    async def print_receipt(self, text: str) -> None:
        self.printer.sendall(text.encode() + b"\n")  # expect: GIL004

    @audited
    async def submit(self, order: Order) -> str:
        total = await self.quote(order)
        self.writer.write(json.dumps({"n": order.number, "sku": order.sku,
                                      "qty": order.qty}).encode() + b"\n")
        await self.writer.drain()
        ack = (await self.reader.readline()).decode().strip()
        await self.print_receipt(f"#{order.number} {order.qty} x {order.sku} = {total:.2f} [{ack}]")
        return ack


async def workshop(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                   expected: int) -> int:
    built = 0
    while built < expected:
        line = await reader.readline()
        if not line:
            break
        job = json.loads(line)
        await asyncio.sleep(0.003 * job["qty"])  # glue drying, non-blocking
        writer.write(f"ok-{job['n']}\n".encode())
        await writer.drain()
        built += 1
    return built


async def run_desk(cfg: dict, out_dir: str, printed: list[str]) -> tuple[list[str], int, dict]:
    loop = asyncio.get_running_loop()
    desk_sock, shop_sock = socket.socketpair()
    app_end, device_end = socket.socketpair()
    printer = threading.Thread(target=receipt_printer, name="printer",
                               args=(device_end, os.path.join(out_dir, "receipts.txt"), printed))
    printer.start()
    desk_reader, desk_writer = await asyncio.open_connection(sock=desk_sock)
    shop_reader, shop_writer = await asyncio.open_connection(sock=shop_sock)
    book = PriceBook(cfg["price_url"], cfg["remote_prices"], cfg["prices"])
    catalogue = await loop.run_in_executor(None, functools.partial(book.fetch_catalogue,
                                                                   timeout=1.0))
    desk = OrderDesk(book, app_end, desk_reader, desk_writer)
    orders = [Order(n, sku, qty) for n, (sku, qty) in enumerate(cfg["orders"], start=1)]
    shop_task = asyncio.create_task(workshop(shop_reader, shop_writer, len(orders)))
    acks = [await desk.submit(order) for order in orders]
    built = await shop_task
    app_end.shutdown(socket.SHUT_WR)
    await asyncio.to_thread(printer.join)
    for writer in (desk_writer, shop_writer):
        writer.close()
        await writer.wait_closed()
    app_end.close()
    device_end.close()
    return acks, built, catalogue


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    started = time.perf_counter()
    printed: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        acks, built, catalogue = asyncio.run(run_desk(ORDER_DESK, tmp, printed))
    print(f"{built} kites built, acks {acks}")
    print(f"{len(printed)} receipts printed; catalogue has {len(catalogue)} kites")
    for line in printed[:2]:
        print("  " + line)
    print(f"{time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
