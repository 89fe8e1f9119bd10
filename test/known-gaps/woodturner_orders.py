"""Woodturner orders: a thread pool reads order files, optimises cut lists and reserves timber."""
from __future__ import annotations

import functools
import json
import logging
import os
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

log = logging.getLogger("woodturner.orders")


def retry(times: int = 3, delay: float = 0.005, exceptions: tuple[type[BaseException], ...] = (OSError,)):
    """Retry a flaky I/O call a few times with a growing pause."""

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(1, times + 1):  # ok: GIL001
                try:
                    return fn(*args, **kwargs)
                except exceptions:
                    if attempt == times:
                        raise
                    log.warning("%s failed (attempt %d), retrying", fn.__name__, attempt)
                    time.sleep(delay * attempt)

        return wrapper

    return decorate


@dataclass
class Order:
    order_id: str
    species: str
    pieces: list[float]
    rush: bool = False

    @property
    def board_feet(self) -> float:
        return round(sum(self.pieces) / 12 * 1.25, 2)


@dataclass
class TimberStore:
    stock: dict[str, float]
    journal: list[dict] = field(default_factory=list)
    rejected: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def reserve_rush(self, species: str, need: float) -> bool:
        """Fast path for rush orders: skips the lock 'because it is only one comparison'."""
        if self.stock[species] >= need:  # expect: GIL003
            self.stock[species] -= need  # expect: GIL002
            return True
        return False

    def reserve(self, species: str, need: float) -> bool:
        with self.lock:
            if self.stock[species] >= need:  # ok: GIL003
                self.stock[species] -= need  # ok: GIL002
                return True
            self.rejected += 1
            return False

    def apply_journal(self, raw: str) -> int:
        self.lock.acquire()  # expect: GIL005
        entries = json.loads(raw)
        self.journal.extend(entries)
        self.lock.release()
        return len(entries)

    def audit(self, timeout: float = 0.5) -> dict[str, float] | None:
        if not self.lock.acquire(timeout=timeout):  # ok: GIL005
            return None
        try:
            return {k: round(v, 2) for k, v in self.stock.items()}
        finally:
            self.lock.release()


@retry(times=3)
def fetch_order(path: str) -> Order:
    with open(path, encoding="utf-8") as fh:
        return Order(**json.load(fh))


def optimise_cuts(pieces: list[float], board_len: float, iterations: int, seed: int) -> tuple[int, float]:
    """Random-restart first-fit packing of pieces onto boards, in pure Python."""
    best_boards, best_waste = len(pieces), float("inf")
    state = seed
    order = list(pieces)
    for _ in range(iterations):  # expect: GIL001
        for i in range(len(order) - 1, 0, -1):
            state = (state * 1103515245 + 12345) & 0x7FFFFFFF
            j = state % (i + 1)
            order[i], order[j] = order[j], order[i]
        boards: list[float] = []
        for piece in order:
            for k, left in enumerate(boards):
                if left >= piece:
                    boards[k] = left - piece
                    break
            else:
                boards.append(board_len - piece)
        waste = sum(boards)
        if len(boards) < best_boards or (len(boards) == best_boards and waste < best_waste):
            best_boards, best_waste = len(boards), waste
    return best_boards, round(best_waste, 2)


def process_order(path: str, store: TimberStore, *, board_len: float, iterations: int, **extra) -> dict:
    order = fetch_order(path)
    boards, waste = optimise_cuts(order.pieces, board_len, iterations, seed=len(order.order_id) * 7919)
    reserve = store.reserve_rush if order.rush else store.reserve
    ok = reserve(order.species, order.board_feet)
    store.apply_journal(json.dumps([{"order": order.order_id, "reserved": ok, "boards": boards}]))
    if extra.get("verbose"):
        log.info("%s: %d boards, %.1f in waste, reserved=%s", order.order_id, boards, waste, ok)
    return {"order": order.order_id, "boards": boards, "waste": waste, "reserved": ok}


def write_orders(workdir: str) -> list[str]:
    specs = [
        {"order_id": "A-101", "species": "oak", "pieces": [18, 18, 18, 18, 30, 30, 22, 22, 12, 12]},
        {"order_id": "A-102", "species": "ash", "pieces": [40, 36, 24, 24, 16, 16, 16, 10], "rush": True},
        {"order_id": "A-103", "species": "oak", "pieces": [28, 28, 28, 14, 14, 14, 9, 9, 9], "rush": True},
        {"order_id": "A-104", "species": "walnut", "pieces": [20, 20, 20, 20, 11, 11, 11, 11]},
    ]
    paths = []
    for spec in specs:
        path = os.path.join(workdir, f"{spec['order_id']}.json")
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(spec, fh)
        paths.append(path)
    return paths


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    options = {"board_len": 96.0, "iterations": 5_000, "verbose": True}
    store = TimberStore({"oak": 40.0, "ash": 20.0, "walnut": 12.0})
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as workdir:
        paths = write_orders(workdir)
        with ThreadPoolExecutor(max_workers=3, thread_name_prefix="orders") as pool:
            futures = [pool.submit(process_order, p, store, **options) for p in paths]
            results = [f.result() for f in as_completed(futures)]
    print(f"{len(results)} orders, stock {store.audit()}, journal {len(store.journal)} entries, "
          f"rejected {store.rejected} in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
