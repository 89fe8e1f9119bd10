"""Charcoal sales ledger for a coppice burning site.

Carters phone in their sales (JSON lines over local socket pairs); one clerk thread per line
reads the messages and books them in the shared ledger. Thread roles are kept in a registry
and started by name.
"""
from __future__ import annotations

import json
import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

log = logging.getLogger("charcoalburner.ledger")

SITE_CFG = {
    "carters": {"Ned": [3, 4, 2, 5], "Jory": [6, 1, 2]},
    "send_gap_s": 0.004,
    "pence_per_sack": 18,
}


@dataclass
class KilnLedger:
    """One ledger for the whole site; every clerk books into it."""
    price: int
    sacks_sold: int = 0
    pence_taken: int = 0
    entries: list[dict] = field(default_factory=list)
    by_carter: dict[str, int] = field(default_factory=dict)
    _book_lock: threading.Lock = field(default_factory=threading.Lock)
    _rlock: threading.RLock = field(default_factory=threading.RLock)

    @staticmethod
    def _count(sale: dict) -> int:
        return int(sale.get("sacks", 0))

    def book_line(self, raw: str) -> dict:
        """Book one raw message. A garbled line makes json.loads raise."""
        self._book_lock.acquire()  # expect: GIL005
        sale = json.loads(raw)
        self.entries.append(sale)
        self._book_lock.release()
        self.sacks_sold += self._count(sale)  # expect: GIL002
        self._credit(sale["carter"], sale["sacks"])
        return sale

    def _credit(self, carter: str, sacks: int) -> None:
        with self._rlock:
            self.by_carter[carter] = self.by_carter.get(carter, 0) + sacks
            self.pence_taken += sacks * self.price  # ok: GIL002

    def settle(self, carter: str, raw_amount: str) -> bool:
        self._book_lock.acquire()  # ok: GIL005
        try:
            amount = json.loads(raw_amount)["pence"]
            if amount <= 0:
                return False
            self.by_carter[carter] = 0
            return True
        finally:
            self._book_lock.release()


def carter(sock: socket.socket, name: str, loads: list[int], gap_s: float) -> None:
    for n in loads:
        time.sleep(gap_s)  # driving to the next customer
        sock.sendall((json.dumps({"carter": name, "sacks": n}) + "\n").encode())
    sock.shutdown(socket.SHUT_WR)


class Clerk:
    def __init__(self, name: str, sock: socket.socket, ledger: KilnLedger) -> None:
        self.name = name
        self.sock = sock
        self.ledger = ledger
        self.booked = 0

    def listen(self) -> None:
        """Blocks on the socket; each line is booked as it arrives."""
        buf = b""
        while True:  # ok: GIL001
            chunk = self.sock.recv(128)  # ok: GIL004
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                self.ledger.book_line(line.decode())
                self.booked += 1


class Site:
    """Keeps thread roles by name; start() looks them up and launches them."""

    def __init__(self, cfg: dict) -> None:
        self.cfg = cfg
        self.ledger = KilnLedger(price=cfg["pence_per_sack"])
        self.roles: dict[str, tuple[Callable[..., None], tuple]] = {}
        self.socks: list[socket.socket] = []
        self.clerks: list[Clerk] = []
        self.threads: list[threading.Thread] = []

    def register(self, role: str, fn: Callable[..., None], *args) -> None:
        self.roles[role] = (fn, args)

    def wire_up(self) -> None:
        for name, loads in self.cfg["carters"].items():
            office_end, cart_end = socket.socketpair()
            self.socks += [office_end, cart_end]
            clerk = Clerk(f"clerk-{name}", office_end, self.ledger)
            self.clerks.append(clerk)
            self.register(clerk.name, clerk.listen)
            self.register(f"cart-{name}", carter, cart_end, name, loads, self.cfg["send_gap_s"])

    def start(self) -> None:
        for role, (fn, args) in self.roles.items():
            t = threading.Thread(target=fn, args=args, name=role)
            self.threads.append(t)
            t.start()

    def close(self) -> None:
        for t in self.threads:
            t.join()
        for s in self.socks:
            s.close()


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    site = Site(SITE_CFG)
    site.wire_up()
    t0 = time.perf_counter()
    site.start()
    site.close()
    wall = time.perf_counter() - t0

    ledger = site.ledger
    expected = sum(sum(v) for v in SITE_CFG["carters"].values())
    print(f"sacks sold = {ledger.sacks_sold} (expected {expected})")
    print(f"taken = {ledger.pence_taken}d, by carter = {ledger.by_carter}")
    print(f"lines booked = {sum(c.booked for c in site.clerks)} of {len(ledger.entries)}")
    settled = [c for c in sorted(ledger.by_carter) if ledger.settle(c, json.dumps({"pence": 1}))]
    print(f"settled = {settled}")
    print(f"wall = {wall * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
