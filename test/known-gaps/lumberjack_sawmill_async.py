"""Sawmill head rig controller.

Log orders arrive from the yard office over a socket.  For every log the mill
searches for the board pattern with the best yield (a knapsack over the cant,
one inch of length at a time, because the log tapers) in a thread pool, then
writes the cutting journal from the default executor.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from typing import Dict, List, Sequence

log = logging.getLogger("lumberjack.sawmill")

BOARD_WIDTHS = (4, 6, 8, 10, 12)
UNITS_PER_INCH = 32
MILL = {"kerf_units": 6, "taper_per_inch": 2, "rig_workers": 3}


@dataclass
class Order:
    log_id: int
    diameter: int
    length_ft: int
    grade: str = "No.2"


class Mill:
    def __init__(self, order_sock: socket.socket, journal_path: str, **settings) -> None:
        self.order_sock = order_sock
        self.journal_path = journal_path
        self.kerf = settings.get("kerf_units", 6)
        self.taper = settings.get("taper_per_inch", 3)
        self.pool = ThreadPoolExecutor(max_workers=settings.get("rig_workers", 2),
                                       thread_name_prefix="rig")
        self.boards_cut = 0
        self.yields: Dict[int, int] = {}

    def best_pattern(self, order: Order) -> int:
        """Best total board width per inch slice of a tapering log (pure Python DP)."""
        full = order.diameter * UNITS_PER_INCH
        total = 0
        for inch in range(order.length_ft * 12):  # expect: GIL001
            usable = full - inch // self.taper
            value = [0] * (usable + 1)
            for u in range(1, usable + 1):
                best = value[u - 1]
                for width in BOARD_WIDTHS:
                    need = width * UNITS_PER_INCH + self.kerf
                    if need <= u and value[u - need] + width > best:
                        best = value[u - need] + width
                value[u] = best
            total += value[usable]
        boards = round(total / (order.length_ft * 12) / 6)
        self.boards_cut += boards  # expect: GIL002
        self.yields[order.log_id] = total
        return boards

    def write_journal(self, lines: Sequence[str]) -> None:
        with open(self.journal_path, "a", encoding="utf-8") as fh:
            for line in lines:  # ok: GIL001
                fh.write(line + "\n")
        time.sleep(0.002)  # ok: GIL004

    async def next_orders(self) -> List[Order]:
        raw = self.order_sock.recv(65536)  # expect: GIL004
        return [Order(**item) for item in json.loads(raw.decode())]

    async def shift(self) -> int:
        loop = asyncio.get_running_loop()
        orders = await self.next_orders()
        log.info("received %d orders", len(orders))
        futures = [loop.run_in_executor(self.pool, self.best_pattern, o) for o in orders]
        boards = await asyncio.gather(*futures)
        lines = [f"log {o.log_id} ({o.diameter}in x {o.length_ft}ft): {b} boards"
                 for o, b in zip(orders, boards)]
        await loop.run_in_executor(None, self.write_journal, lines)
        return sum(boards)

    def close(self) -> None:
        self.pool.shutdown(wait=True)
        self.order_sock.close()


def yard_office(sock: socket.socket, orders: Sequence[Order]) -> None:
    sock.sendall(json.dumps([asdict(o) for o in orders]).encode())
    sock.close()


async def main_async(tmp: str) -> None:
    mill_end, office_end = socket.socketpair()
    orders = [Order(1, 24, 12), Order(2, 20, 14), Order(3, 28, 10, "No.1")]
    yard_office(office_end, orders)

    mill = Mill(mill_end, os.path.join(tmp, "journal.txt"), **MILL)
    started = time.perf_counter()
    try:
        expected = await mill.shift()
    finally:
        mill.close()
    elapsed = time.perf_counter() - started

    with open(mill.journal_path, encoding="utf-8") as fh:
        journal = fh.read().splitlines()
    print(f"boards_cut = {mill.boards_cut} (expected {expected})")
    for line in journal:
        print("  " + line)
    print(f"yields: {sorted(mill.yields.items())}; shift took {elapsed:.2f}s")


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    with tempfile.TemporaryDirectory(prefix="sawmill-") as tmp:
        asyncio.run(main_async(tmp))


if __name__ == "__main__":
    main()
