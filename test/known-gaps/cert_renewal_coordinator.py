"""Certificate expiry scanner: renewal coordinator.

An asyncio loop polls the OCSP/expiry status of each certificate over the
status side-channel (a ``socketpair`` here) and, for certificates close to
expiry, schedules a renewal on a ``threading.Timer``. Renewals talk to the
(synchronous) ACME client and must not run twice for the same name.
"""
from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Dict, List, Set

log = logging.getLogger("certscan.renewal")


@dataclass
class CertStatus:
    name: str
    days_left: int
    revoked: bool = False


@dataclass
class RenewalBook:
    in_flight: Set[str] = field(default_factory=set)
    renewed: List[str] = field(default_factory=list)
    issue_lock: threading.Lock = field(default_factory=threading.Lock)


class AcmeClient:
    """Synchronous ACME client; ``issue`` blocks on the CA for a while."""

    def __init__(self, book: RenewalBook, latency_s: float = 0.02) -> None:
        self.book = book
        self.latency_s = latency_s

    def issue(self, name: str) -> bool:
        # the CA rate-limits us; never hold the issuing slot for long
        if not self.book.issue_lock.acquire(timeout=1.0):  # ok: GIL005
            log.warning("issuing slot busy, skipping %s", name)
            return False
        try:
            time.sleep(self.latency_s)  # ok: GIL004
            self.book.renewed.append(name)
            return True
        finally:
            self.book.issue_lock.release()


class RenewalScheduler:
    def __init__(self, acme: AcmeClient, book: RenewalBook) -> None:
        self.acme = acme
        self.book = book
        self.timers: List[threading.Timer] = []

    def _renew(self, name: str) -> None:
        if name not in self.book.in_flight:  # expect: GIL003
            log.info("renewing %s", name)
            self.book.in_flight.add(name)
            try:
                self.acme.issue(name)
            finally:
                self.book.in_flight.discard(name)

    def schedule(self, name: str, delay_s: float) -> None:
        t = threading.Timer(delay_s, self._renew, args=(name,))
        t.start()
        self.timers.append(t)

    def wait(self) -> None:
        for t in self.timers:
            t.join()


def read_status_line(sock: socket.socket) -> str:
    """Blocking line read from the status side-channel (shared with the CLI tool)."""
    buf = b""
    while not buf.endswith(b"\n"):
        chunk = sock.recv(128)  # expect: GIL004
        if not chunk:
            break
        buf += chunk
    return buf.decode().strip()


def status_responder(sock: socket.socket, table: Dict[str, CertStatus]) -> None:
    """Runs in a thread: answers 'STATUS name' with 'name days revoked'."""
    with sock:
        f = sock.makefile("rb")
        for raw in f:  # ok: GIL001
            name = raw.decode().split()[1]
            st = table[name]
            time.sleep(0.002)
            sock.sendall(f"{st.name} {st.days_left} {int(st.revoked)}\n".encode())


async def poll_once(sock: socket.socket, names: List[str], lock: asyncio.Lock) -> List[CertStatus]:
    out = []
    for name in names:
        async with lock:
            sock.sendall(f"STATUS {name}\n".encode())
            line = read_status_line(sock)
        n, days, revoked = line.split()
        out.append(CertStatus(n, int(days), revoked == "1"))
        await asyncio.sleep(0)
    return out


async def coordinate(names: List[str], table: Dict[str, CertStatus], threshold_days: int = 14) -> RenewalBook:
    client, server = socket.socketpair()
    responder = threading.Thread(target=status_responder, args=(server, table), daemon=True)
    responder.start()
    book = RenewalBook()
    scheduler = RenewalScheduler(AcmeClient(book), book)
    lock = asyncio.Lock()
    # two pollers (primary and the DR region) see the same certificates
    polls = await asyncio.gather(poll_once(client, names, lock), poll_once(client, names, lock))
    for statuses in polls:
        for st in statuses:
            if st.revoked or st.days_left < threshold_days:
                scheduler.schedule(st.name, delay_s=0.01)
    await asyncio.to_thread(scheduler.wait)
    client.close()
    responder.join(timeout=1.0)
    return book


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    table = {n: CertStatus(n, d, r) for n, d, r in [
        ("api.example.com", 5, False), ("cdn.example.com", 60, False),
        ("mail.example.com", 10, False), ("vpn.example.com", 200, True),
        ("www.example.com", 90, False)]}
    t0 = time.perf_counter()
    book = asyncio.run(coordinate(sorted(table), table))
    due = sorted(n for n, st in table.items() if st.revoked or st.days_left < 14)
    print(f"renewed: {sorted(book.renewed)}")
    print(f"due: {due}; duplicate issues: {len(book.renewed) - len(set(book.renewed))}")
    print(f"done in {(time.perf_counter() - t0) * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
