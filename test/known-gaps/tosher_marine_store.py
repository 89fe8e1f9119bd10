"""Marine-store dealer: toshers ring at the hatch and the dealer appraises their finds.

The dealer runs an asyncio event loop: each tosher's bundle is appraised as a task, a
bell on a socketpair announces arrivals, and the ledger is written off the loop.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import os
import socket
import tempfile
import time
from dataclasses import dataclass, field

log = logging.getLogger("tosher.store")

SETTINGS = {
    "haggle_pause_s": 0.01,
    "ledger_pause_s": 0.005,
    "rates": {"copper": 3, "rope": 1, "bone": 1, "silver": 45},
}


def retry(times: int = 3, delay: float = 0.01):
    """Retry a coroutine a few times on ConnectionError."""
    def decorate(coro_fn):
        @functools.wraps(coro_fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(times):
                try:
                    return await coro_fn(*args, **kwargs)
                except ConnectionError:
                    log.warning("retrying %s (%d)", coro_fn.__name__, attempt + 1)
                    await asyncio.sleep(delay)
            raise ConnectionError(f"{coro_fn.__name__} kept failing")
        return wrapper
    return decorate


@dataclass
class Bundle:
    tosher: str
    items: dict

    @property
    def weight(self) -> float:
        return sum(self.items.values())


@dataclass
class Receipt:
    tosher: str
    pence: int
    lines: list = field(default_factory=list)


def _ledger_write(path: str, line: str, pause: float) -> int:
    """Append a line to the ledger book; runs in a worker thread."""
    time.sleep(pause)  # ok: GIL004
    with open(path, "a", encoding="utf-8") as fh:
        return fh.write(line + "\n")


class MarineStore:
    def __init__(self, ledger_path: str, **settings):
        self.ledger_path = ledger_path
        self.rates = settings.get("rates", {})
        self.haggle_pause = settings.get("haggle_pause_s", 0.01)
        self.ledger_pause = settings.get("ledger_pause_s", 0.005)
        self.bought = 0
        self.paid_out = 0

    def price(self, bundle: Bundle) -> Receipt:
        receipt = Receipt(bundle.tosher, 0)
        for kind, oz in bundle.items.items():
            pence = int(oz * self.rates.get(kind, 0))
            receipt.pence += pence
            receipt.lines.append(f"{kind}:{oz}oz={pence}d")
        return receipt

    @retry(times=2)
    async def appraise(self, bundle: Bundle) -> Receipt:
        receipt = self.price(bundle)
        if receipt.pence > 20:
            time.sleep(self.haggle_pause)  # expect: GIL004
        self.bought += 1  # ok: GIL002
        self.paid_out += receipt.pence
        line = f"{bundle.tosher};{receipt.pence};{'|'.join(receipt.lines)}"
        await asyncio.to_thread(_ledger_write, self.ledger_path, line, self.ledger_pause)
        return receipt


async def hatch_bell(sock: socket.socket, expected: int) -> list:
    """Read arrival names from the hatch bell wire (a blocking socket)."""
    names = []
    buf = b""
    while len(names) < expected:
        chunk = sock.recv(64)  # expect: GIL004
        if not chunk:
            break
        buf += chunk
        *done, buf = buf.split(b"\n")
        names.extend(n.decode() for n in done)
    return names


async def night_bell(sock: socket.socket, expected: int) -> list:
    """Same wire protocol on a non-blocking socket, read through the loop."""
    loop = asyncio.get_running_loop()
    names = []
    buf = b""
    while len(names) < expected:
        chunk = await loop.sock_recv(sock, 64)  # ok: GIL004
        if not chunk:
            break
        buf += chunk
        *done, buf = buf.split(b"\n")
        names.extend(n.decode() for n in done)
    return names


async def run_store(workdir: str) -> str:
    store = MarineStore(os.path.join(workdir, "ledger.txt"), **SETTINGS)
    bundles = [
        Bundle("Jack Rag", {"copper": 6.5, "bone": 2.0}),
        Bundle("Old Moll", {"rope": 4.0}),
        Bundle("Ned Sluice", {"silver": 0.75, "copper": 1.5}),
        Bundle("Lanky Bill", {"bone": 3.0, "rope": 1.0}),
    ]
    day_r, day_w = socket.socketpair()
    night_r, night_w = socket.socketpair()
    night_r.setblocking(False)
    try:
        for b in bundles[:2]:
            day_w.sendall(b.tosher.encode() + b"\n")
        for b in bundles[2:]:
            night_w.sendall(b.tosher.encode() + b"\n")
        day = await hatch_bell(day_r, 2)
        night = await night_bell(night_r, 2)
        log.info("arrivals: day=%s night=%s", day, night)
        receipts = await asyncio.gather(*(store.appraise(b) for b in bundles))
    finally:
        for s in (day_r, day_w, night_r, night_w):
            s.close()
    for r in receipts:
        print(f"{r.tosher:11s} paid {r.pence:3d}d  {', '.join(r.lines)}")
    print(f"bought {store.bought} bundles, paid out {store.paid_out}d")
    return store.ledger_path


def count_ledger_lines(path: str) -> int:
    with open(path, encoding="utf-8") as fh:
        return sum(1 for _ in fh)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="marine-store-") as workdir:
        ledger_path = asyncio.run(run_store(workdir))
        print(f"ledger has {count_ledger_lines(ledger_path)} lines")
    print(f"store closed after {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
