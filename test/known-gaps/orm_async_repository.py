"""An asyncio repository layered over a blocking, DB-API style driver.

Most reads are pushed to worker threads with ``asyncio.to_thread``; the
"read-your-writes" path waits for replica lag in a synchronous helper, and the
cache-invalidation channel is read two ways: via the event loop and, in the
legacy listener, with a plain blocking ``recv``.
"""
from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional

log = logging.getLogger("orm.async")


@dataclass
class Order:
    id: int
    customer: str
    total_cents: int
    version: int = 0


class BlockingDriver:
    """A synchronous driver: every call blocks the calling thread."""

    def __init__(self, table: Dict[int, dict], latency: float = 0.01, replica_lag: float = 0.02) -> None:
        self._table = table
        self.latency = latency
        self.replica_lag = replica_lag

    def fetch_row(self, pk: int) -> dict:
        time.sleep(self.latency)  # ok: GIL004
        return dict(self._table[pk])

    def wait_for_replica(self) -> None:
        time.sleep(self.replica_lag)  # expect: GIL004


@dataclass
class IdentityCache:
    entries: Dict[int, Order] = field(default_factory=dict)
    invalidated: List[int] = field(default_factory=list)

    def evict(self, pk: int) -> None:
        self.entries.pop(pk, None)
        self.invalidated.append(pk)


class AsyncOrderRepository:
    def __init__(self, driver: BlockingDriver, cache: IdentityCache) -> None:
        self._driver = driver
        self._cache = cache

    async def get(self, pk: int) -> Order:
        if pk in self._cache.entries:  # ok: GIL003
            return self._cache.entries[pk]
        row = await asyncio.to_thread(self._driver.fetch_row, pk)
        order = self._cache.entries[pk] = Order(**row)
        return order

    async def get_consistent(self, pk: int) -> Order:
        """Read-your-writes: wait out replica lag, then bypass the identity cache."""
        self._sync_barrier()
        row = await asyncio.to_thread(self._driver.fetch_row, pk)
        return Order(**row)

    def _sync_barrier(self) -> None:
        log.debug("waiting for replica")
        self._driver.wait_for_replica()


class InvalidationListener:
    """Consumes ``{"evict": pk}`` lines pushed by the database's notify channel."""

    def __init__(self, sock: socket.socket, cache: IdentityCache) -> None:
        self._sock = sock
        self._cache = cache
        self._buffer = b""

    def _apply(self, chunk: bytes) -> int:
        self._buffer += chunk
        applied = 0
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            self._cache.evict(json.loads(line)["evict"])
            applied += 1
        return applied

    async def listen(self, expected: int) -> int:
        loop = asyncio.get_running_loop()
        self._sock.setblocking(False)
        seen = 0
        while seen < expected:
            chunk = await loop.sock_recv(self._sock, 256)  # ok: GIL004
            if not chunk:
                break
            seen += self._apply(chunk)
        return seen


class LegacyInvalidationListener(InvalidationListener):
    """The pre-asyncio listener, still wired in behind a feature flag."""

    async def listen(self, expected: int) -> int:
        seen = 0
        while seen < expected:
            chunk = self._sock.recv(256)  # expect: GIL004
            if not chunk:
                break
            seen += self._apply(chunk)
            await asyncio.sleep(0)
        return seen


def start_notifier(sock: socket.socket, pks: List[int], delay: float) -> threading.Thread:
    """Simulated database server pushing invalidations from its own thread."""
    def push() -> None:
        for pk in pks:  # ok: GIL001
            time.sleep(delay)
            sock.sendall(json.dumps({"evict": pk}).encode() + b"\n")
    t = threading.Thread(target=push, name="db-notify", daemon=True)
    t.start()
    return t


async def run(use_legacy_listener: bool) -> Dict[str, object]:
    table = {pk: {"id": pk, "customer": f"c{pk % 5}", "total_cents": 100 * pk} for pk in range(20)}
    driver = BlockingDriver(table)
    cache = IdentityCache()
    repo = AsyncOrderRepository(driver, cache)
    server_side, client_side = socket.socketpair()
    listener_cls = LegacyInvalidationListener if use_legacy_listener else InvalidationListener
    listener = listener_cls(client_side, cache)
    start_notifier(server_side, [3, 7, 11], delay=0.01)

    started = time.perf_counter()
    orders = await asyncio.gather(*(repo.get(pk) for pk in range(10)))
    fresh = await repo.get_consistent(3)
    evicted = await listener.listen(expected=3)
    elapsed = time.perf_counter() - started
    server_side.close()
    client_side.close()
    return {"orders": len(orders), "fresh_total": fresh.total_cents,
            "evicted": evicted, "cached": len(cache.entries), "elapsed": round(elapsed, 3)}


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for legacy in (False, True):
        log.info("legacy=%s -> %s", legacy, asyncio.run(run(legacy)))
