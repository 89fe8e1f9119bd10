"""Icemonger order desk (asyncio).

Orders arrive from the telephone switchboard as text lines over a socket; the
ice house telegraphs stock reports over a second line.  Every order is priced
by modelling how much of the ice melts on the way to the customer, which runs
in worker threads through asyncio.to_thread.
"""
import asyncio
import logging
import math
import socket
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("icemonger.desk")

ORDER_LINES = [
    "Crown Inn|3|2.5",
    "Dr. Hale|1|3.0",
    "Fishmonger Platt|6|2.0",
    "Hill Dairy|4|3.5",
    "The Rectory|2|2.8",
]
STOCK_REPORTS = ["house:412", "pit:96", "sawdust:low"]
PRICING = {"ambient_c": 24.0, "step_s": 0.01, "pence_per_block": 9}


@dataclass(frozen=True)
class Order:
    customer: str
    blocks: int
    miles: float

    @classmethod
    def parse(cls, line: str) -> "Order":
        customer, blocks, miles = line.split("|")
        return cls(customer.strip(), int(blocks), float(miles))

    @property
    def minutes_on_cart(self) -> float:
        return self.miles * 30.0


class PricingStats:
    lock = threading.Lock()
    priced = 0
    melt_lbs = 0.0


def price_order(order: Order, *, ambient_c: float, step_s: float, pence_per_block: int) -> tuple:
    start_lbs = 25.0 * order.blocks
    mass = start_lbs
    steps = int(order.minutes_on_cart * 60.0 / step_s)
    for _ in range(steps):  # expect: GIL001
        surface = mass ** (2.0 / 3.0)
        mass -= 2.5e-6 * surface * ambient_c * step_s
    melt = start_lbs - mass
    PricingStats.priced += 1  # expect: GIL002
    with PricingStats.lock:
        PricingStats.melt_lbs += melt  # ok: GIL002
    return order.customer, pence_per_block * order.blocks + math.ceil(melt / 5.0)


class OrderDesk:
    def __init__(self, phone: socket.socket, telegraph: socket.socket) -> None:
        self.phone = phone
        self.telegraph = telegraph
        self.orders_taken = 0
        self.stock_reports: list[str] = []

    async def read_orders(self) -> list:
        orders, buffer = [], b""
        while True:
            data = self.phone.recv(4096)  # expect: GIL004
            if not data:
                break
            buffer += data
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                orders.append(Order.parse(line.decode()))
                self.orders_taken += 1  # ok: GIL002
            await asyncio.sleep(0)
        return orders

    async def watch_telegraph(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            chunk = await loop.sock_recv(self.telegraph, 1024)  # ok: GIL004
            if not chunk:
                break
            self.stock_reports.extend(chunk.decode().split())

    async def price_all(self, orders: list, **pricing) -> dict:
        results = await asyncio.gather(*(asyncio.to_thread(price_order, o, **pricing) for o in orders))
        return dict(results)


def switchboard(sock: socket.socket, lines: list, gap: float) -> None:
    try:
        for line in lines:  # ok: GIL001
            sock.sendall(line.encode() + b"\n")
            time.sleep(gap)
    finally:
        sock.shutdown(socket.SHUT_WR)


def send_stock(sock: socket.socket, reports: list) -> None:
    with sock:
        sock.sendall(" ".join(reports).encode())


async def take_orders(desk: OrderDesk) -> dict:
    watcher = asyncio.create_task(desk.watch_telegraph())
    orders = await desk.read_orders()
    bills = await desk.price_all(orders, **PRICING)
    await watcher
    return {"orders": desk.orders_taken, "bills": bills, "stock": desk.stock_reports}


def open_lines() -> tuple:
    phone_out, phone_in = socket.socketpair()
    wire_out, wire_in = socket.socketpair()
    wire_in.setblocking(False)
    operator = threading.Thread(target=switchboard, args=(phone_out, ORDER_LINES, 0.01), name="switchboard")
    telegraph = threading.Timer(0.02, send_stock, args=(wire_out, STOCK_REPORTS))
    return (phone_out, phone_in, wire_in), (operator, telegraph)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    started = time.perf_counter()
    sockets, senders = open_lines()
    for sender in senders:
        sender.start()
    try:
        summary = asyncio.run(take_orders(OrderDesk(sockets[1], sockets[2])))
    finally:
        for sender in senders:
            sender.join()
        for s in sockets:
            s.close()
    log.info("took %d orders", summary["orders"])
    for customer, pence in sorted(summary["bills"].items()):
        log.info("  %-18s %4d d", customer, pence)
    log.info("stock reports: %s", ", ".join(summary["stock"]))
    log.info("priced %d orders, %.2f lbs melted in transit", PricingStats.priced, PricingStats.melt_lbs)
    log.info("desk closed after %.2fs", time.perf_counter() - started)


if __name__ == "__main__":
    main()
