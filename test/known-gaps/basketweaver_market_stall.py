"""Saturday basket stall: an asyncio stall-keeper, porters on timers, a bell on a wire.

The stall-keeper is a set of coroutines: it waits for the hand-bell, then reads
customers' orders off a socket.  Porters bring more baskets up from the cart on
threading.Timer threads, and the till is cashed up at closing time in a worker
thread.
"""
from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("basketweaver.stall")

STALL_CONFIG = {
    "opening_stock": {"log basket": 3, "potato skep": 5, "linen hamper": 2},
    "porter_trips": [("potato skep", 4, 0.01), ("log basket", 2, 0.015),
                     ("potato skep", 3, 0.02), ("linen hamper", 1, 0.005)],
    "porters_at_once": 2,
    "bell_after_s": 0.01,
    "prices": {"log basket": 30, "potato skep": 14, "linen hamper": 42},
}


@dataclass
class Stall:
    stock: dict
    prices: dict
    porters: threading.BoundedSemaphore
    till_pence: int = 0
    sales: list = field(default_factory=list)
    _till: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_config(cls, config: dict) -> "Stall":
        return cls(stock=dict(config["opening_stock"]), prices=dict(config["prices"]),
                   porters=threading.BoundedSemaphore(config["porters_at_once"]))

    def restock(self, kind: str, count: int, carry_s: float) -> None:
        with self.porters:  # at most two porters on the cart steps at once
            time.sleep(carry_s)
            self.stock[kind] += count  # expect: GIL002

    def record_sale(self, kind: str, pence: int) -> None:
        self.sales.append((kind, pence))

    def cash_up(self, timeout_s: float = 0.5) -> bool:
        if not self._till.acquire(timeout=timeout_s):  # ok: GIL005
            log.warning("till busy; cashing up later")
            return False
        try:
            for _kind, pence in self.sales:
                self.till_pence += pence
            return True
        finally:
            self._till.release()


def ring_bell(sock: socket.socket) -> None:
    sock.sendall(b"ding")


def customer_queue(sock: socket.socket, orders: list, gap_s: float) -> None:
    with sock:
        for line in orders:
            sock.sendall(line.encode() + b"\n")
            time.sleep(gap_s)
        sock.sendall(b"\n")  # empty line: nobody left in the queue


async def hear_bell(sock: socket.socket) -> bytes:
    # The stall-keeper stands and listens for the hand-bell before opening.
    data = sock.recv(16)  # expect: GIL004
    return data


async def take_orders(sock: socket.socket) -> list[str]:
    loop = asyncio.get_running_loop()
    sock.setblocking(False)
    buffer = b""
    while not buffer.endswith(b"\n\n"):
        chunk = await loop.sock_recv(sock, 64)  # ok: GIL004
        if not chunk:
            break
        buffer += chunk
    return [line.decode() for line in buffer.split(b"\n") if line]


async def serve(stall: Stall, orders: list[str]) -> int:
    served = 0
    for wanted in orders:
        await asyncio.sleep(0.002)  # wrap the basket in paper
        stall.record_sale(wanted, stall.prices.get(wanted, 0))
        served += 1
    return served


def start_porters(stall: Stall, trips, **timer_kwargs) -> list[threading.Timer]:
    timers = []
    for i, (kind, count, carry_s) in enumerate(trips):
        t = threading.Timer(0.002 * i, stall.restock, args=(kind, count),
                            kwargs={"carry_s": carry_s}, **timer_kwargs)
        t.name = f"porter-{i}"
        timers.append(t)
        t.start()
    return timers


async def market_day(config: dict) -> None:
    stall = Stall.from_config(config)
    porters = start_porters(stall, config["porter_trips"])

    bell_in, bell_out = socket.socketpair()
    orders_in, orders_out = socket.socketpair()
    bell = threading.Timer(config["bell_after_s"], ring_bell, args=(bell_out,))
    crowd = threading.Thread(target=customer_queue, name="crowd",
                             args=(orders_out, ["potato skep", "log basket",
                                                "linen hamper", "potato skep"], 0.003))
    bell.start()
    rung = await hear_bell(bell_in)
    crowd.start()
    orders = await take_orders(orders_in)
    served = await serve(stall, orders)

    for t in porters:
        await asyncio.to_thread(t.join)
    cashed = await asyncio.to_thread(stall.cash_up)
    crowd.join()
    bell.join()
    for s in (bell_in, bell_out, orders_in):
        s.close()

    print(f"bell: {rung!r}; served {served} customers: {orders}")
    print(f"stock after porters: {dict(sorted(stall.stock.items()))}")
    print(f"cashed up: {cashed}, till {stall.till_pence}d")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    t0 = time.perf_counter()
    asyncio.run(market_day(STALL_CONFIG))
    print(f"stall packed away after {time.perf_counter() - t0:.2f}s")
