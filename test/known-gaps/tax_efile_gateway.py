"""Electronic filing gateway for tax returns.

Returns submitted by tax software are checked against the published schema
version, stamped with a receipt number, archived, and acknowledged to the
transmitter over a local socket.  The gateway is an asyncio service that
still calls a few synchronous helpers inherited from the batch system.
"""
import asyncio
import hashlib
import json
import logging
import os
import socket
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, asdict
from typing import Dict, List

log = logging.getLogger("tax.efile")

GATEWAY_CFG = {"min_interval_s": 0.004, "archive_latency_s": 0.02, "schema_version": "2024.1"}


@dataclass
class Submission:
    submission_id: str
    tin: str
    tax_year: int
    schema: str
    refund_cents: int


class ReceiptBook:
    """Receipt numbers must be gap-free, so they are issued under a lock."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self._lock = threading.Lock()
        self._next = 1
        self.issued: List[str] = []

    def _format(self, sub: Submission) -> str:
        if not sub.tin.isdigit():
            raise ValueError(f"bad TIN on {sub.submission_id}")
        return f"{self.prefix}-{sub.tax_year}-{self._next:07d}"

    def issue(self, sub: Submission) -> str:
        self._lock.acquire()  # expect: GIL005
        receipt = self._format(sub)
        self._next += 1  # ok: GIL002
        self.issued.append(receipt)
        self._lock.release()
        return receipt

    def void_last(self) -> str:
        self._lock.acquire()  # ok: GIL005
        try:
            return self.issued.pop()
        finally:
            self._lock.release()


class Archive:
    def __init__(self, directory: str, latency: float) -> None:
        self.directory = directory
        self.latency = latency
        self.archived_bytes = 0

    def store(self, sub: Submission, receipt: str) -> str:
        blob = json.dumps({"receipt": receipt, **asdict(sub)}).encode()
        time.sleep(self.latency)  # ok: GIL004
        path = os.path.join(self.directory, receipt + ".json")
        with open(path, "wb") as fh:
            fh.write(blob)
        self.archived_bytes += len(blob)  # expect: GIL002
        return hashlib.sha256(blob).hexdigest()[:12]


class Gateway:
    def __init__(self, receipts: ReceiptBook, archive: Archive, schema_url: str, ack_sock: socket.socket,
                 **cfg) -> None:
        self.cfg = {**GATEWAY_CFG, **cfg}
        self.receipts = receipts
        self.archive = archive
        self.schema_url = schema_url
        self.ack_sock = ack_sock
        self._last_call = 0.0
        self.accepted = 0
        self.rejected: Dict[str, str] = {}

    def _throttle(self) -> None:
        """Legacy rate limiter: at most one submission per interval."""
        wait = self._last_call + self.cfg["min_interval_s"] - time.monotonic()
        if wait > 0:
            time.sleep(wait)  # expect: GIL004
        self._last_call = time.monotonic()

    async def load_schema_versions(self) -> List[str]:
        with urllib.request.urlopen(self.schema_url) as resp:  # expect: GIL004
            return json.load(resp)["accepted_versions"]

    async def submit(self, sub: Submission, accepted_versions: List[str]) -> str:
        self._throttle()
        if sub.schema not in accepted_versions:
            self.rejected[sub.submission_id] = f"schema {sub.schema} retired"
            return "REJECTED"
        receipt = await asyncio.to_thread(self.receipts.issue, sub)
        digest = await asyncio.to_thread(self.archive.store, sub, receipt)
        self.accepted += 1  # ok: GIL002
        loop = asyncio.get_running_loop()
        await loop.sock_sendall(self.ack_sock, f"{receipt} {digest}\n".encode())
        return receipt


async def transmitter(sock: socket.socket, expected: int) -> List[str]:
    """The tax software's side: collects acknowledgement lines."""
    loop = asyncio.get_running_loop()
    buf = b""
    while buf.count(b"\n") < expected:
        buf += await loop.sock_recv(sock, 4096)  # ok: GIL004
    return buf.decode().splitlines()


def make_submissions(n: int) -> List[Submission]:
    subs = []
    for i in range(n):
        schema = "2023.2" if i % 7 == 3 else "2024.1"
        subs.append(Submission(f"SUB{i:05d}", f"{900000000 + i * 7919:09d}", 2024, schema, (i * 3571) % 250_000))
    return subs


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        schema_path = os.path.join(tmp, "schemas.json")
        with open(schema_path, "w") as fh:
            json.dump({"accepted_versions": ["2024.1", "2024.0"]}, fh)
        gw_sock, tx_sock = socket.socketpair()
        gw_sock.setblocking(False)
        tx_sock.setblocking(False)
        gateway = Gateway(ReceiptBook("EF"), Archive(tmp, GATEWAY_CFG["archive_latency_s"]),
                          "file://" + schema_path, gw_sock)
        versions = await gateway.load_schema_versions()
        subs = make_submissions(40)
        expected = sum(1 for s in subs if s.schema in versions)
        t0 = time.perf_counter()
        results, acks = await asyncio.gather(
            asyncio.gather(*(gateway.submit(s, versions) for s in subs)),
            transmitter(tx_sock, expected))
        print(f"{gateway.accepted} accepted, {len(gateway.rejected)} rejected in {time.perf_counter() - t0:.2f}s")
        print(f"first acks: {acks[:2]}; archived {gateway.archive.archived_bytes} bytes")
        print(f"voided receipt {gateway.receipts.void_last()} (test filing)")
        gw_sock.close()
        tx_sock.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
