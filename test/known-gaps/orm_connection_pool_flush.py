"""Parallel flush of a large unit of work through a small connection pool.

The unit of work holds snapshots of every loaded row; at commit time it is split
into batches and each batch is diffed against its snapshot and written by a
``FlushWorker`` thread that borrows a pooled connection.
"""
from __future__ import annotations

import logging
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Dict, List, Tuple

log = logging.getLogger("orm.flush")


class PoolExhausted(RuntimeError):
    pass


@dataclass
class Connection:
    ident: int
    last_batch: int = 0

    def execute_many(self, statements: List[str]) -> None:
        time.sleep(0.002)  # one round trip for the whole batch
        self.last_batch = len(statements)

    def reset(self) -> None:
        pass


class ConnectionPool:
    def __init__(self, size: int) -> None:
        self._lock = threading.Lock()
        self._idle: List[Connection] = [Connection(i) for i in range(size)]
        self._in_use: Dict[int, Connection] = {}
        self.checkouts = 0

    def checkout(self) -> Connection:
        self._lock.acquire()  # expect: GIL005
        if not self._idle:
            raise PoolExhausted(f"all {len(self._in_use)} connections are busy")
        conn = self._idle.pop()
        self._in_use[conn.ident] = conn
        self.checkouts += 1  # ok: GIL002
        self._lock.release()
        return conn

    def checkin(self, conn: Connection) -> None:
        self._lock.acquire()  # ok: GIL005
        try:
            del self._in_use[conn.ident]
            conn.reset()
            self._idle.append(conn)
        finally:
            self._lock.release()


class PooledConnection:
    """``with PooledConnection(pool) as conn:`` borrows and returns a connection."""

    def __init__(self, pool: ConnectionPool) -> None:
        self._pool = pool
        self._conn: Connection | None = None

    def __enter__(self) -> Connection:
        self._conn = self._pool.checkout()
        return self._conn

    def __exit__(self, *exc) -> bool:
        assert self._conn is not None
        self._pool.checkin(self._conn)
        self._conn = None
        return False


@dataclass
class Tracked:
    key: Tuple[str, int]
    state: Dict[str, object]


@dataclass
class UnitOfWork:
    snapshots: Dict[Tuple[str, int], Dict[str, object]] = field(default_factory=dict)
    objects: List[Tracked] = field(default_factory=list)

    def register_clean(self, key: Tuple[str, int], state: Dict[str, object]) -> None:
        self.snapshots[key] = dict(state)
        self.objects.append(Tracked(key, state))

    def compute_changes(self, batch: List[Tracked]) -> List[str]:
        """Diff each object against its snapshot and render an UPDATE for it."""
        statements = []
        for obj in batch:  # expect: GIL001
            snap = self.snapshots[obj.key]
            changed = {k: v for k, v in obj.state.items() if snap.get(k) != v}
            if not changed:
                continue
            assignments = ", ".join(f"{col} = {_literal(val)}" for col, val in sorted(changed.items()))
            table, pk = obj.key
            statements.append(f"UPDATE {table} SET {assignments} WHERE id = {pk}")
        return statements


def _literal(value: object) -> str:
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return repr(value)


class FlushWorker(threading.Thread):
    """Writes one batch of the unit of work on a pooled connection."""

    def __init__(self, uow: UnitOfWork, batch: List[Tracked], pool: ConnectionPool, **kwargs) -> None:
        super().__init__(**kwargs)
        self.uow = uow
        self.batch = batch
        self.pool = pool
        self.rows_written = 0

    def run(self) -> None:
        statements = self.uow.compute_changes(self.batch)
        with PooledConnection(self.pool) as conn:
            conn.execute_many(statements)
        self.rows_written += len(statements)  # ok: GIL002
        log.debug("%s wrote %d rows", self.name, self.rows_written)


def load_unit_of_work(rows: int, columns: int, seed: int = 7) -> UnitOfWork:
    rng = random.Random(seed)
    uow = UnitOfWork()
    for pk in range(rows):
        state = {f"c{j}": rng.randrange(1000) for j in range(columns)}
        state["name"] = f"item {pk}"
        uow.register_clean(("inventory", pk), state)
    # The application mutates most objects before commit.
    for tracked in uow.objects:
        for col in list(tracked.state)[: rng.randrange(columns)]:
            if col != "name":
                tracked.state[col] = rng.randrange(1000)
    return uow


def commit(uow: UnitOfWork, pool: ConnectionPool, parallelism: int) -> int:
    size = (len(uow.objects) + parallelism - 1) // parallelism
    workers = [
        FlushWorker(uow, uow.objects[i * size:(i + 1) * size], pool, name=f"flush-{i}")
        for i in range(parallelism)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return sum(w.rows_written for w in workers)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    uow = load_unit_of_work(rows=24000, columns=24)
    pool = ConnectionPool(size=4)
    started = time.perf_counter()
    written = commit(uow, pool, parallelism=4)
    log.info("flushed %d rows with %d checkouts in %.3fs", written, pool.checkouts,
             time.perf_counter() - started)
