"""Hat shop order desk.

The shop-front terminal sends orders over a local socket. The desk reads them on
an asyncio loop, looks up the brim pattern and grades it to the customer's head
size in a worker thread, then files a cutting ticket.
"""
from __future__ import annotations

import asyncio
import json
import logging
import math
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger("hatter.desk")

DESK = {"grading_points": 6000, "passes": 24, "workers": 2}


@dataclass(frozen=True)
class Order:
    ref: str
    style: str
    head_cm: float


class PatternMissing(KeyError):
    pass


class PatternLibrary:
    """Brim patterns as polar outlines; shared by all grading threads."""

    def __init__(self, points: int):
        self._lock = threading.Lock()
        self._patterns = {
            "fedora": [6.0 + 0.4 * math.cos(2 * math.pi * i / points) for i in range(points)],
            "trilby": [4.5 + 0.2 * math.sin(4 * math.pi * i / points) for i in range(points)],
            "boater": [7.0 for _ in range(points)],
        }
        self.lookups = 0

    def _load(self, style: str) -> list[float]:
        try:
            return self._patterns[style]
        except KeyError:
            raise PatternMissing(style) from None

    def outline(self, style: str) -> list[float]:
        self._lock.acquire()  # expect: GIL005
        outline = list(self._load(style))
        self.lookups += 1
        self._lock.release()
        return outline


def grade_pattern(library: PatternLibrary, order: Order, passes: int) -> dict:
    """Scale the brim outline to the head size and smooth it (pure Python)."""
    outline = library.outline(order.style)
    scale = order.head_cm / 57.0
    n = len(outline)
    graded = [r * scale for r in outline]
    for _ in range(passes):  # expect: GIL001
        smoothed = []
        for i in range(n):
            prev_r, r, next_r = graded[i - 1], graded[i], graded[(i + 1) % n]
            smoothed.append((prev_r + 2 * r + next_r) / 4)
        graded = smoothed
    perimeter = sum(
        math.hypot(graded[i] - graded[i - 1], graded[i] * 2 * math.pi / n) for i in range(n)
    )
    return {"ref": order.ref, "style": order.style, "perimeter_cm": round(perimeter, 2)}


async def read_terminal_banner(sock: socket.socket) -> str:
    # legacy terminal: announces itself once on the blocking control line
    banner = sock.recv(64)  # expect: GIL004
    return banner.decode().strip()


async def read_orders(loop: asyncio.AbstractEventLoop, sock: socket.socket) -> list[Order]:
    buf = b""
    while not buf.endswith(b"\n\n"):
        chunk = await loop.sock_recv(sock, 1024)  # ok: GIL004
        if not chunk:
            break
        buf += chunk
    orders = []
    for line in buf.decode().splitlines():
        if line.strip():
            data = json.loads(line)
            orders.append(Order(**data))
    return orders


def shop_front(control: socket.socket, data: socket.socket, orders: list[dict]) -> None:
    control.sendall(b"FRONT-01 ready\n")
    payload = "".join(json.dumps(o) + "\n" for o in orders) + "\n"
    data.sendall(payload.encode())


async def desk(config: dict) -> list[dict]:
    loop = asyncio.get_running_loop()
    ctl_front, ctl_desk = socket.socketpair()
    data_front, data_desk = socket.socketpair()
    data_desk.setblocking(False)
    library = PatternLibrary(config["grading_points"])
    incoming = [
        {"ref": f"HT-{i:03d}", "style": ("fedora", "trilby", "boater")[i % 3], "head_cm": 55.0 + i}
        for i in range(4)
    ]
    try:
        front = threading.Thread(target=shop_front, args=(ctl_front, data_front, incoming),
                                 name="shop-front", daemon=True)
        front.start()
        banner = await read_terminal_banner(ctl_desk)
        orders = await read_orders(loop, data_desk)
        log.info("%s sent %d orders", banner, len(orders))
        with ThreadPoolExecutor(max_workers=config["workers"]) as pool:
            tickets = await asyncio.gather(*(
                loop.run_in_executor(pool, grade_pattern, library, order, config["passes"])
                for order in orders
            ))
        front.join()
    finally:
        for s in (ctl_front, ctl_desk, data_front, data_desk):
            s.close()
    print(f"terminal: {banner}; pattern lookups: {library.lookups}")
    return tickets


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    t0 = time.perf_counter()
    tickets = asyncio.run(desk(DESK))
    for t in tickets:
        print(f"{t['ref']} {t['style']:7s} brim edge {t['perimeter_cm']} cm")
    print(f"graded {len(tickets)} orders in {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
