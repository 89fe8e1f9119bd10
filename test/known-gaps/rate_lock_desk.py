"""Mortgage underwriting: the rate-lock desk.

Rate locks live in a RateLockBook guarded by a threading.Lock: the asyncio pricing service
reprices locks from the rate sheet, back-office threads grant extensions and a timer sweeps
expired locks. Borrowers confirm a relock through the portal link (a socket).
"""
from __future__ import annotations

import asyncio
import dataclasses
import logging
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Dict, List, Optional

log = logging.getLogger("mortgage.ratelock")

DESK_CONFIG = {
    "loans": {"LN-1001": 0.0625, "LN-1002": 0.06375, "LN-1003": 0.065, "LN-1004": 0.05875},
    "lock_seconds": 0.5,
    "extension_seconds": 0.2,
    "max_extensions": 2,
    "sheet_ticks": 4,
    "sheet_latency_s": 0.01,
    "sweep_after_s": 0.03,
    "ack_size": 16,
}


@dataclass(frozen=True)
class RateLock:
    loan_id: str
    rate: float
    expires_at: float
    extensions: int = 0

    @property
    def seconds_left(self) -> float:
        return self.expires_at - time.monotonic()


class RateLockBook:
    def __init__(self, max_extensions: int) -> None:
        self.max_extensions = max_extensions
        self._lock = threading.Lock()
        self._book: Dict[str, RateLock] = {}

    def add(self, entry: RateLock) -> None:
        with self._lock:
            self._book[entry.loan_id] = entry

    def snapshot(self) -> Dict[str, RateLock]:
        with self._lock:
            return dict(self._book)

    def extend(self, loan_id: str, seconds: float) -> bool:
        self._lock.acquire()  # expect: GIL005
        entry = self._book.get(loan_id)
        if entry is None or entry.extensions >= self.max_extensions:
            return False
        self._book[loan_id] = dataclasses.replace(
            entry, expires_at=entry.expires_at + seconds, extensions=entry.extensions + 1)
        self._lock.release()
        return True

    def sweep_expired(self, now: Optional[float] = None) -> List[str]:
        now = time.monotonic() if now is None else now
        self._lock.acquire()  # ok: GIL005
        try:
            expired = [k for k, v in self._book.items() if v.expires_at <= now]
            for k in expired:
                del self._book[k]
        finally:
            self._lock.release()
        return expired

    def try_reprice(self, loan_id: str, sheet_rate: float, timeout: float = 0.2) -> Optional[float]:
        if not self._lock.acquire(timeout=timeout):  # ok: GIL005
            return None
        try:
            entry = self._book.get(loan_id)
            if entry is None or sheet_rate >= entry.rate:  # ok: GIL003
                return None
            self._book[loan_id] = dataclasses.replace(entry, rate=sheet_rate)
            return sheet_rate
        finally:
            self._lock.release()


def fetch_rate_sheet(tick: int, latency: float) -> Dict[str, float]:
    time.sleep(latency)  # ok: GIL004
    return {"30y_fixed": round(0.0625 - 0.00125 * tick, 5)}


def wait_for_ack(sock: socket.socket, size: int) -> str:
    data = sock.recv(size, socket.MSG_WAITALL)  # expect: GIL004
    return data.decode().strip()


def borrower_portal(sock: socket.socket, loan_ids: List[str], size: int) -> None:
    for loan_id in loan_ids:
        time.sleep(0.002)
        sock.sendall(f"ACK {loan_id}".ljust(size).encode())
    sock.close()


class PricingService:
    def __init__(self, book: RateLockBook, cfg: dict, executor: ThreadPoolExecutor) -> None:
        self.book = book
        self.cfg = cfg
        self.executor = executor
        self.repriced: List[str] = []

    async def price_feed(self) -> None:
        loop = asyncio.get_running_loop()
        for tick in range(self.cfg["sheet_ticks"]):
            sheet = await loop.run_in_executor(self.executor, fetch_rate_sheet, tick, self.cfg["sheet_latency_s"])
            for loan_id in self.book.snapshot():
                new = await asyncio.to_thread(self.book.try_reprice, loan_id, sheet["30y_fixed"])
                if new is not None:
                    self.repriced.append(f"{loan_id}@{new}")

    async def confirm_relocks(self, sock: socket.socket, loan_ids: List[str]) -> List[str]:
        acks = []
        for _ in loan_ids:
            acks.append(wait_for_ack(sock, self.cfg["ack_size"]))
            await asyncio.sleep(0)
        return acks


async def run_desk(cfg: dict) -> tuple:
    book = RateLockBook(cfg["max_extensions"])
    now = time.monotonic()
    for loan_id, rate in cfg["loans"].items():
        book.add(RateLock(loan_id, rate, now + cfg["lock_seconds"]))
    book.add(RateLock("LN-0999", 0.07, now - 1.0))  # already expired

    desk_sock, portal_sock = socket.socketpair()
    portal = threading.Thread(target=borrower_portal, args=(portal_sock, list(cfg["loans"]), cfg["ack_size"]))
    sweeper = threading.Timer(cfg["sweep_after_s"], book.sweep_expired)
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="backoffice") as pool:
        service = PricingService(book, cfg, pool)
        portal.start()
        sweeper.start()
        extensions = [pool.submit(book.extend, loan_id, cfg["extension_seconds"]) for loan_id in cfg["loans"]]
        _, acks = await asyncio.gather(service.price_feed(), service.confirm_relocks(desk_sock, list(cfg["loans"])))
        granted = sum(f.result() for f in extensions)
    await asyncio.to_thread(portal.join)
    await asyncio.to_thread(sweeper.join)
    desk_sock.close()
    return book, service, acks, granted


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    book, service, acks, granted = asyncio.run(run_desk(DESK_CONFIG))
    final = book.snapshot()
    print(f"acks: {acks}")
    print(f"extensions granted: {granted}; repriced: {len(service.repriced)}")
    print(f"book: {sorted((k, v.rate, v.extensions) for k, v in final.items())}")


if __name__ == "__main__":
    main()
