"""Sign outgoing webhook payloads for legacy partners, rate-limited per host.

Some partners still verify a 64-bit FNV-1a signature over the canonical JSON
body, computed here in pure Python.  A ``SigningWorker`` thread signs a slice of
the outbox and asks a token-bucket limiter before handing each signed request
to the sender queue.
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass
from typing import Any, Dict, List, Tuple

log = logging.getLogger("webhooks.sign")

FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
MASK64 = (1 << 64) - 1


def fnv1a_64(data: bytes, key: bytes) -> int:
    h = FNV_OFFSET
    for b in key + data:
        h ^= b
        h = (h * FNV_PRIME) & MASK64
    return h


def canonical_json(value: Any) -> str:
    """Sorted keys, no whitespace, ASCII only: what the partner's verifier expects."""
    if isinstance(value, dict):
        return "{" + ",".join(f'"{k}":{canonical_json(value[k])}' for k in sorted(value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(canonical_json(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclass
class TokenBucket:
    capacity: float
    rate: float
    tokens: float
    updated: float


class HostRateLimiter:
    def __init__(self, capacity: float, rate: float) -> None:
        self._lock = threading.Lock()
        self._buckets: Dict[str, TokenBucket] = {}
        self.capacity = capacity
        self.rate = rate

    def try_consume(self, host: str) -> bool:
        self._lock.acquire()  # expect: GIL005
        bucket = self._buckets.get(host)
        if bucket is None:  # ok: GIL003
            bucket = self._buckets[host] = TokenBucket(self.capacity, self.rate, self.capacity, time.monotonic())
        if bucket.tokens < 1:  # ok: GIL003
            return False
        bucket.tokens -= 1  # ok: GIL002
        self._lock.release()
        return True

    def refill(self) -> None:
        now = time.monotonic()
        self._lock.acquire()  # ok: GIL005
        try:
            for bucket in self._buckets.values():
                bucket.tokens = min(bucket.capacity, bucket.tokens + (now - bucket.updated) * bucket.rate)
                bucket.updated = now
        finally:
            self._lock.release()


@dataclass(frozen=True)
class SignedRequest:
    host: str
    body: str
    signature: str


class SigningWorker(threading.Thread):
    def __init__(self, outbox: List[Tuple[str, dict]], secrets: Dict[str, bytes],
                 limiter: HostRateLimiter, sender: "queue.Queue[SignedRequest | None]") -> None:
        super().__init__(daemon=True)
        self.outbox = outbox
        self.secrets = secrets
        self.limiter = limiter
        self.sender = sender
        self.signed = 0
        self.deferred: List[Tuple[str, dict]] = []

    def run(self) -> None:
        for host, payload in self.outbox:  # expect: GIL001
            body = canonical_json(payload)
            sig = fnv1a_64(body.encode(), self.secrets[host])
            if self.limiter.try_consume(host):
                self.sender.put(SignedRequest(host, body, f"fnv1a={sig:016x}"))
                self.signed += 1  # ok: GIL002
            else:
                self.deferred.append((host, payload))


def sender_loop(q: "queue.Queue[SignedRequest | None]", sent: List[SignedRequest]) -> None:
    """Writes requests in batches of up to 50 (one pipelined HTTP/2 write each)."""
    while True:  # ok: GIL001
        batch = [q.get()]
        while len(batch) < 50 and not q.empty():
            batch.append(q.get_nowait())
        time.sleep(0.001)  # network write
        sent.extend(req for req in batch if req is not None)
        if batch[-1] is None:
            return


def make_outbox(n: int) -> List[Tuple[str, dict]]:
    hosts = ("hooks.partner-a.invalid", "notify.partner-b.invalid", "legacy.partner-c.invalid")
    return [
        (hosts[i % 3], {"event": "shipment.updated", "id": i, "lines": [
            {"sku": f"SKU-{i}-{j}", "qty": j, "note": "fragile \"glass\""} for j in range(12)],
         "customer": {"id": i * 7, "name": f"Customer {i}", "vip": i % 5 == 0}})
        for i in range(n)
    ]


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    outbox = make_outbox(1500)
    secrets = {host: host.encode()[::-1] * 2 for host, _ in outbox[:3]}
    limiter = HostRateLimiter(capacity=10_000, rate=100.0)
    send_q: "queue.Queue[SignedRequest | None]" = queue.Queue()
    sent: List[SignedRequest] = []
    sender = threading.Thread(target=sender_loop, args=(send_q, sent), name="sender")
    sender.start()
    workers = [SigningWorker(outbox[i::3], secrets, limiter, send_q) for i in range(3)]
    t0 = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    limiter.refill()
    send_q.put(None)
    sender.join()
    log.info("signed %d, deferred %d, sent %d in %.3fs; first sig %s",
             sum(w.signed for w in workers), sum(len(w.deferred) for w in workers),
             len(sent), time.perf_counter() - t0, sent[0].signature if sent else "-")
