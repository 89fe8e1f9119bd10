"""Seal ledger at the custom house: seal records arrive from the quay over two feeds.

The old quay feed is a plain blocking socket read inside a coroutine (it stalls the event
loop); the new feed uses loop.sock_recv on a non-blocking socket. Records are booked into
the ledger in a worker thread, and a threading.Timer re-verifies the seal checksums.
"""
import asyncio
import json
import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Dict, List

log = logging.getLogger("tidewaiter.seals")

FEEDS = {"records": 24, "gap_s": 0.001, "verify_rounds": 200, "modulus": 1_000_003}


@dataclass
class SealRecord:
    seal: str
    ship: str
    packages: int

    @classmethod
    def from_json(cls, raw: str) -> "SealRecord":
        data = json.loads(raw)
        return cls(data["seal"], data["ship"], int(data["packages"]))


@dataclass
class SealLedger:
    records: Dict[str, SealRecord] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def ingest(self, raw: str) -> None:
        self.lock.acquire()  # expect: GIL005
        rec = SealRecord.from_json(raw)
        self.records[rec.seal] = rec
        self.lock.release()

    def ingest_all(self, lines: List[str]) -> int:
        for line in lines:  # ok: GIL001
            if line:
                self.ingest(line)
        return len(lines)


def quay_writer(legacy: socket.socket, modern: socket.socket, count: int, gap: float) -> None:
    """Thread: the quay clerk sends each record on both feeds, then hangs up."""
    for i in range(count):
        rec = {"seal": f"S{i:04d}", "ship": f"brig-{i % 5}", "packages": 3 + i % 9}
        payload = (json.dumps(rec) + "\n").encode()
        legacy.sendall(payload)
        modern.sendall(payload)
        time.sleep(gap)
    legacy.close()
    modern.close()


class SealVerifier:
    """Recomputes a rolling checksum over all seal numbers ever issued (pure Python)."""

    def __init__(self, seals: List[str], rounds: int, modulus: int) -> None:
        self.seals = seals
        self.rounds = rounds
        self.modulus = modulus
        self.digest = None

    def verify(self) -> None:
        h = 0
        for r in range(self.rounds):  # expect: GIL001
            for seal in self.seals:
                for ch in seal:
                    h = (h * 131 + ord(ch) + r) % self.modulus
        self.digest = h


class CustomHouse:
    def __init__(self, legacy: socket.socket, modern: socket.socket, ledger: SealLedger) -> None:
        self.legacy = legacy
        self.modern = modern
        self.ledger = ledger

    async def read_legacy_feed(self) -> List[str]:
        buf = b""
        while True:
            chunk = self.legacy.recv(4096)  # expect: GIL004
            if not chunk:
                break
            buf += chunk
        return buf.decode().splitlines()

    async def read_modern_feed(self) -> List[str]:
        loop = asyncio.get_running_loop()
        buf = b""
        while True:
            chunk = await loop.sock_recv(self.modern, 4096)  # ok: GIL004
            if not chunk:
                break
            buf += chunk
        return buf.decode().splitlines()

    async def run(self) -> Dict[str, int]:
        legacy_lines, modern_lines = await asyncio.gather(self.read_legacy_feed(), self.read_modern_feed())
        booked = await asyncio.to_thread(self.ledger.ingest_all, modern_lines)
        return {"legacy": len(legacy_lines), "modern": len(modern_lines), "booked": booked}


def open_feeds():
    legacy_rx, legacy_tx = socket.socketpair()
    modern_rx, modern_tx = socket.socketpair()
    modern_rx.setblocking(False)
    return legacy_rx, legacy_tx, modern_rx, modern_tx


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    legacy_rx, legacy_tx, modern_rx, modern_tx = open_feeds()
    ledger = SealLedger()
    verifier = SealVerifier([f"S{i:04d}" for i in range(500)], FEEDS["verify_rounds"], FEEDS["modulus"])
    timer = threading.Timer(0.005, verifier.verify)
    writer = threading.Thread(
        target=quay_writer, args=(legacy_tx, modern_tx, FEEDS["records"], FEEDS["gap_s"]), name="quay"
    )
    started = time.perf_counter()
    timer.start()
    writer.start()
    house = CustomHouse(legacy_rx, modern_rx, ledger)
    counts = asyncio.run(house.run())
    writer.join()
    timer.join()
    legacy_rx.close()
    modern_rx.close()
    print(f"feeds: {counts} in {time.perf_counter() - started:.2f}s")
    print(f"ledger holds {len(ledger.records)} seals; checksum {verifier.digest}")


if __name__ == "__main__":
    main()
