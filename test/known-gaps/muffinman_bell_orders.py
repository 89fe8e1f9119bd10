"""Muffin man's order counter: the bell boy shouts orders down a wire, a clerk reads them
and hands each one to a pool of packers, who book it and pack the muffins.
"""
from __future__ import annotations

import functools
import json
import logging
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass

log = logging.getLogger("muffin.orders")

COUNTER_CONFIG = {
    "packers": 3,
    "pack_s": 0.002,
    "shout_gap_s": 0.001,
    "orders": [
        {"street": "Drury Lane", "dozens": 2, "crumpets": False},
        {"street": "Cheapside", "dozens": 1, "crumpets": True},
        {"street": "Strand", "dozens": 3, "crumpets": False},
        {"street": "Holborn", "dozens": 1, "crumpets": False},
        {"street": "Aldgate", "dozens": 2, "crumpets": True},
        {"street": "Soho", "dozens": 4, "crumpets": False},
    ],
}


@dataclass(frozen=True)
class Order:
    street: str
    dozens: int
    crumpets: bool = False

    @property
    def pence(self) -> int:
        return self.dozens * 12 + (6 if self.crumpets else 0)


def parse_order(raw: str) -> Order:
    data = json.loads(raw)
    return Order(data["street"], int(data["dozens"]), bool(data.get("crumpets")))


class TrayGuard:
    """Hold the tray lock for the duration of a `with` block."""

    def __init__(self, lock: threading.Lock):
        self._lock = lock

    def __enter__(self) -> "TrayGuard":
        self._lock.acquire()  # ok: GIL005
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        self._lock.release()
        return False


class MuffinShop:
    def __init__(self, pack_s: float):
        self._lock = threading.Lock()
        self.guard = TrayGuard(self._lock)
        self.pack_s = pack_s
        self.orders_done = 0
        self.pence_taken = 0
        self.by_street: dict[str, Order] = {}

    def take_order(self, raw: str) -> Order:
        self._lock.acquire()  # expect: GIL005
        order = parse_order(raw)  # a garbled shout raises ValueError / KeyError
        self.by_street[order.street] = order
        self._lock.release()
        self._pack(order)
        return order

    def _pack(self, order: Order) -> None:
        time.sleep(self.pack_s * order.dozens)  # wrapping in the cloth
        with self.guard:
            self.orders_done += 1  # ok: GIL002
        self.pence_taken += order.pence  # expect: GIL002


def bell_boy(sock: socket.socket, orders: list, gap: float) -> None:
    try:
        for order in orders:
            sock.sendall(json.dumps(order).encode() + b"\n")
            time.sleep(gap)
    finally:
        sock.shutdown(socket.SHUT_WR)


def clerk(sock: socket.socket, submit, futures: list) -> None:
    buf = b""
    while True:  # ok: GIL001
        chunk = sock.recv(256)  # ok: GIL004
        if not chunk:
            break
        buf += chunk
        *lines, buf = buf.split(b"\n")
        for line in lines:
            futures.append(submit(line.decode()))
    log.info("clerk heard %d orders", len(futures))


def run_counter(cfg: dict) -> MuffinShop:
    shop = MuffinShop(cfg["pack_s"])
    wire_in, wire_out = socket.socketpair()
    futures: list = []
    with ThreadPoolExecutor(max_workers=cfg["packers"], thread_name_prefix="packer") as pool:
        submit = functools.partial(pool.submit, shop.take_order)
        threads = [
            threading.Thread(target=bell_boy, name="bell-boy",
                             args=(wire_out, cfg["orders"], cfg["shout_gap_s"])),
            threading.Thread(target=clerk, name="clerk", args=(wire_in, submit, futures)),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        done, pending = wait(futures)
        log.info("%d packed, %d pending", len(done), len(pending))
    wire_in.close()
    wire_out.close()
    return shop


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    started = time.perf_counter()
    shop = run_counter(COUNTER_CONFIG)
    expected = sum(Order(**o).pence for o in COUNTER_CONFIG["orders"])
    print(f"orders done: {shop.orders_done} of {len(COUNTER_CONFIG['orders'])}")
    print(f"pence taken: {shop.pence_taken} (expected {expected})")
    print(f"streets served: {', '.join(sorted(shop.by_street))}")
    print(f"counter closed after {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
