"""Unit-of-work sessions sharing one process-wide identity map.

Each request handler thread opens a scoped session (one per thread, like
``scoped_session``), loads a few customer rows through the shared identity map,
credits them and flushes.  Region lookups go through a read-through cache that
takes a lock; the customer identity map does not.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple

log = logging.getLogger("orm.session")

Key = Tuple[str, int]


@dataclass
class QueryStats:
    hits: int = 0
    misses: int = 0
    flushes: int = 0


@dataclass
class Customer:
    id: int
    name: str
    region_id: int
    balance: int = 0
    dirty: bool = field(default=False, repr=False)

    def credit(self, amount: int) -> None:
        """Record a payment; the identity map hands the same instance to every session."""
        self.balance += amount  # expect: GIL002
        self.dirty = True


class FakeDriver:
    """Stands in for a DB-API connection: canned rows and a little network latency."""

    def __init__(self, rows: Dict[Key, dict], latency: float = 0.0005) -> None:
        self._rows = rows
        self.latency = latency

    def fetch(self, table: str, pk: int) -> dict:
        time.sleep(self.latency)
        return dict(self._rows[(table, pk)])

    def execute(self, sql: str, params: tuple) -> None:
        time.sleep(self.latency)


class IdentityMap:
    """One instance per primary key for the whole process (no lock: 'dicts are atomic')."""

    def __init__(self, driver: FakeDriver, stats: QueryStats) -> None:
        self._objects: Dict[Key, Customer] = {}
        self._driver = driver
        self.stats = stats

    def get(self, pk: int) -> Customer:
        key = ("customer", pk)
        if key not in self._objects:  # expect: GIL003
            self.stats.misses += 1  # expect: GIL002
            row = self._driver.fetch(*key)
            self._objects[key] = Customer(**row)
        else:
            self.stats.hits += 1  # expect: GIL002
        return self._objects[key]

    def values(self) -> List[Customer]:
        return list(self._objects.values())


class ReadThroughCache:
    """Region rows rarely change; loads are serialised by a lock."""

    def __init__(self, loader: Callable[[int], dict]) -> None:
        self._loader = loader
        self._lock = threading.Lock()
        self._rows: Dict[int, dict] = {}
        self.loads = 0

    def __getitem__(self, region_id: int) -> dict:
        with self._lock:
            if region_id not in self._rows:  # ok: GIL003
                self._rows[region_id] = self._loader(region_id)
                self.loads += 1  # ok: GIL002
            return self._rows[region_id]


class Session:
    """A unit of work: tracks dirty objects and writes them on flush()."""

    def __init__(self, identity_map: IdentityMap, regions: ReadThroughCache,
                 driver: FakeDriver, stats_lock: threading.Lock) -> None:
        self.identity_map = identity_map
        self.regions = regions
        self._driver = driver
        self._stats_lock = stats_lock
        self._dirty: Dict[int, Customer] = {}
        self.flush_count = 0

    def get(self, pk: int) -> Customer:
        obj = self.identity_map.get(pk)
        self._dirty[pk] = obj
        return obj

    def flush(self) -> int:
        written = 0
        for pk, obj in sorted(self._dirty.items()):
            if obj.dirty:
                self._driver.execute("UPDATE customer SET balance=? WHERE id=?", (obj.balance, pk))
                written += 1
        self._dirty.clear()
        self.flush_count += 1  # ok: GIL002
        with self._stats_lock:
            self.identity_map.stats.flushes += 1  # ok: GIL002
        return written


class ScopedSession:
    """Hands each thread its own Session, like sqlalchemy.orm.scoped_session."""

    def __init__(self, factory: Callable[[], Session]) -> None:
        self._factory = factory
        self._local = threading.local()

    def __call__(self) -> Session:
        sess: Optional[Session] = getattr(self._local, "session", None)
        if sess is None:  # ok: GIL003
            sess = self._local.session = self._factory()
        return sess


def handle_requests(scoped: ScopedSession, worker_id: int, requests: int) -> None:
    """Thread target: every request touches two customers and flushes."""
    for n in range(requests):  # ok: GIL001
        session = scoped()
        for pk in ((worker_id + n) % 12, (n * 7) % 12):
            customer = session.get(pk)
            region = session.regions[customer.region_id]
            customer.credit(region["fee"])
        session.flush()
        time.sleep(0.001)
    log.debug("worker %d done", worker_id)


def build_rows() -> Dict[Key, dict]:
    rows: Dict[Key, dict] = {}
    for pk in range(12):
        rows[("customer", pk)] = {"id": pk, "name": f"cust-{pk}", "region_id": pk % 3}
    for rid in range(3):
        rows[("region", rid)] = {"id": rid, "fee": 5 + rid}
    return rows


def main(workers: int = 6, requests: int = 25) -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    driver = FakeDriver(build_rows())
    stats = QueryStats()
    identity_map = IdentityMap(driver, stats)
    regions = ReadThroughCache(lambda rid: driver.fetch("region", rid))
    stats_lock = threading.Lock()
    scoped = ScopedSession(lambda: Session(identity_map, regions, driver, stats_lock))

    threads = [
        threading.Thread(target=handle_requests, args=(scoped, i, requests), name=f"handler-{i}")
        for i in range(workers)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    # End-of-day interest: main thread only, all handlers have been joined.
    for customer in identity_map.values():
        customer.balance += customer.balance // 100  # ok: GIL002
    total = sum(c.balance for c in identity_map.values())
    log.info("hits=%d misses=%d flushes=%d region loads=%d total balance=%d",
             stats.hits, stats.misses, stats.flushes, regions.loads, total)


if __name__ == "__main__":
    main()
