"""Tobacconist's price board: a wholesale feed updates shelf prices while an analyst crunches trends.

Thread roles are declared in a config dict (target + kwargs) and started in a loop.
The poller reads price ticks from a socketpair and publishes them to the board,
whose listeners were registered with a decorator; the analyst is a closure from a
factory that computes moving-average crossovers over a long synthetic price history.
"""
from __future__ import annotations

import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

log = logging.getLogger("tobacconist.prices")

FEED_CONFIG = {"ticks": 15, "tick_gap": 0.003, "history_len": 160_000, "fast": 12, "slow": 48}


@dataclass(frozen=True)
class Tick:
    sku: str
    price: float

    @classmethod
    def decode(cls, raw: bytes) -> "Tick":
        sku, price = raw.decode().split("=")
        return cls(sku, float(price))


@dataclass
class PriceBoard:
    prices: dict[str, float] = field(default_factory=dict)
    listeners: list[Callable[[str, float], None]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def listener(self, fn: Callable[[str, float], None]) -> Callable[[str, float], None]:
        self.listeners.append(fn)
        return fn

    def quote(self, sku: str) -> float | None:
        self._lock.acquire()  # expect: GIL005
        price = self.prices.get(sku)
        if price is None:
            log.warning("no price for %s", sku)
            return None
        self._lock.release()
        return price

    def try_update(self, sku: str, price: float) -> bool:
        if not self._lock.acquire(blocking=False):  # ok: GIL005
            return False
        try:
            self.prices[sku] = price
        finally:
            self._lock.release()
        return True

    def publish(self, tick: Tick) -> None:
        if self.try_update(tick.sku, tick.price):
            for fn in self.listeners:
                fn(tick.sku, tick.price)


def make_analyst(fast: int, slow: int):
    def analyse(history_len: int, seed: int, out: dict) -> None:
        price, state = 12.50, seed
        window: list[float] = []
        fast_sum = slow_sum = 0.0
        crossings = 0
        above = False
        for i in range(history_len):  # expect: GIL001
            state = (state * 69069 + 1) & 0xFFFFFFFF
            price = max(1.0, price + ((state >> 16) % 201 - 100) / 10_000)
            window.append(price)
            fast_sum += price
            slow_sum += price
            if len(window) > fast:
                fast_sum -= window[-fast - 1]
            if len(window) > slow:
                slow_sum -= window.pop(0)
            now_above = fast_sum / fast > slow_sum / slow if i >= slow else above
            crossings += now_above != above
            above = now_above
        out["crossings"] = crossings
        out["last"] = round(price, 2)

    return analyse


class FeedService:
    def __init__(self, board: PriceBoard, sock: socket.socket, config: dict) -> None:
        self.board = board
        self._sock = sock
        self.analysis: dict = {}
        self.roles = {
            "poller": {"target": self._poll, "kwargs": {"ticks": config["ticks"]}},
            "analyst": {"target": make_analyst(config["fast"], config["slow"]),
                        "kwargs": {"history_len": config["history_len"], "seed": 7,
                                   "out": self.analysis}},
        }
        self.threads: dict[str, threading.Thread] = {}

    def _poll(self, ticks: int) -> None:
        reader = self._sock.makefile("rb")
        for _ in range(ticks):  # ok: GIL001
            raw = reader.readline()
            if not raw:
                break
            self.board.publish(Tick.decode(raw.strip()))
        reader.close()
        log.info("poller done; cherry cavendish at %s", self.board.quote("cherry-cavendish"))

    def start(self) -> None:
        for role, spec in self.roles.items():
            thread = threading.Thread(target=spec["target"], kwargs=spec.get("kwargs", {}), name=role)
            self.threads[role] = thread
            thread.start()

    def join(self) -> None:
        for thread in self.threads.values():
            thread.join()


def send_ticks(sock: socket.socket, skus: list[str], count: int, gap: float) -> None:
    for n in range(count):
        sku = skus[n % len(skus)]
        sock.sendall(f"{sku}={9.5 + n * 0.25:.2f}\n".encode())
        time.sleep(gap)


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    board = PriceBoard({"cherry-cavendish": 9.0, "english-mixture": 11.0, "navy-flake": 10.5})
    tape: list[str] = []

    @board.listener
    def record(sku: str, price: float) -> None:
        tape.append(f"{sku}@{price:.2f}")

    feed_side, board_side = socket.socketpair()
    service = FeedService(board, board_side, FEED_CONFIG)
    started = time.perf_counter()
    service.start()
    send_ticks(feed_side, list(board.prices), FEED_CONFIG["ticks"], FEED_CONFIG["tick_gap"])
    service.join()
    feed_side.close()
    board_side.close()

    print(f"tape: {len(tape)} updates, last {tape[-1] if tape else '-'}")
    print(f"navy-flake now {board.quote('navy-flake'):.2f}")
    print(f"analyst: {service.analysis['crossings']} crossovers, last {service.analysis['last']}")
    print(f"feed session {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
