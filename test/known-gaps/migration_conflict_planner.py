"""Plan a release's database migrations and detect conflicting pairs.

Before a release, every pending migration from every team is compared with
every other one: two migrations conflict when neither depends on the other
and both touch the same table column.  The pairwise scan is split into
blocks that run on a worker pool; the planner reports at most
``max_reported`` conflicts and then produces a dependency-respecting order.
"""
from __future__ import annotations

import itertools
import logging
import re
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("migrate.plan")

_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_tls = threading.local()
PLANNER_CONFIG = {"workers": 3, "block_size": 400, "max_reported": 25}


@dataclass(frozen=True)
class MigrationSpec:
    mid: str
    depends_on: tuple[str, ...]
    sql: str


@dataclass
class Conflict:
    first: str
    second: str
    columns: list[str]


@dataclass
class PlanReport:
    conflicts: list[Conflict] = field(default_factory=list)
    order: list[str] = field(default_factory=list)


def touched_columns(spec: MigrationSpec) -> list[str]:
    """table.column pairs the statement touches (per-thread memo of tokenised SQL)."""
    cache = getattr(_tls, "tokens", None)
    if cache is None:  # ok: GIL003
        cache = _tls.tokens = {}
    if spec.mid not in cache:  # ok: GIL003
        words = _TOKEN.findall(spec.sql.lower())
        table = words[2] if len(words) > 2 else "?"
        cache[spec.mid] = sorted({f"{table}.{w}" for w in words[3:] if w not in ("add", "column", "text", "int")})
        _tls.parsed += 1  # ok: GIL002
    return cache[spec.mid]


class ConflictPlanner:
    def __init__(self, specs: list[MigrationSpec], *, workers: int, block_size: int, max_reported: int) -> None:
        self.specs = {s.mid: s for s in specs}
        self.workers = workers
        self.block_size = block_size
        self.max_reported = max_reported
        self.report = PlanReport()
        self._ancestors = {mid: self._closure(mid) for mid in self.specs}

    def _closure(self, mid: str) -> frozenset[str]:
        seen, todo = set(), list(self.specs[mid].depends_on)
        while todo:
            dep = todo.pop()
            if dep not in seen:
                seen.add(dep)
                todo.extend(self.specs[dep].depends_on)
        return frozenset(seen)

    def _record(self, conflict: Conflict) -> None:
        if len(self.report.conflicts) < self.max_reported:  # expect: GIL003
            log.debug("conflict %s <-> %s on %s", conflict.first, conflict.second, conflict.columns)
            self.report.conflicts.append(conflict)

    def _scan_block(self, block: list[tuple[str, str]]) -> int:
        _tls.parsed = 0
        found = 0
        for a, b in block:  # expect: GIL001
            if a in self._ancestors[b] or b in self._ancestors[a]:
                continue
            cols_a, cols_b = touched_columns(self.specs[a]), touched_columns(self.specs[b])
            shared = [c for c in cols_a for d in cols_b if c == d]
            if shared:
                found += 1
                self._record(Conflict(a, b, shared))
        return found

    def scan(self) -> int:
        pairs = list(itertools.combinations(sorted(self.specs), 2))
        blocks = [pairs[i:i + self.block_size] for i in range(0, len(pairs), self.block_size)]
        pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="conflict-scan")
        try:
            futures = [pool.submit(self._scan_block, block) for block in blocks]
            return sum(f.result() for f in futures)
        finally:
            pool.shutdown(wait=True)

    def order(self) -> list[str]:
        """Kahn's algorithm; ties broken by id so the plan is stable."""
        indegree = {mid: len(spec.depends_on) for mid, spec in self.specs.items()}
        dependents: dict[str, list[str]] = {mid: [] for mid in self.specs}
        for mid, spec in self.specs.items():
            for dep in spec.depends_on:
                dependents[dep].append(mid)
        ready = deque(sorted(mid for mid, n in indegree.items() if n == 0))
        while ready:
            mid = ready.popleft()
            self.report.order.append(mid)
            for nxt in dependents[mid]:
                indegree[nxt] -= 1  # ok: GIL002
                if indegree[nxt] == 0:
                    ready.append(nxt)
        return self.report.order


def team_migrations(teams: int = 6, per_team: int = 60) -> list[MigrationSpec]:
    tables = ["orders", "users", "payments", "drivers", "trips", "ratings", "invoices"]
    columns = [f"col{i}" for i in range(40)]
    specs = []
    for t in range(teams):
        prev = None
        for n in range(per_team):
            table = tables[(t * 3 + n) % len(tables)]
            cols = " ".join(f"add column {columns[(t * 7 + n * k) % 40]} text" for k in (1, 3, 5, 7, 9, 11, 13, 17))
            mid = f"t{t}_{n:03d}"
            specs.append(MigrationSpec(mid, (prev,) if prev else (), f"ALTER TABLE {table} {cols}"))
            prev = mid
    return specs


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    planner = ConflictPlanner(team_migrations(), **PLANNER_CONFIG)
    started = time.perf_counter()
    total = planner.scan()
    plan = planner.order()
    print(f"{len(planner.specs)} migrations, {total} conflicting pairs found, "
          f"{len(planner.report.conflicts)} reported (cap {planner.max_reported}) "
          f"in {time.perf_counter() - started:.2f}s")
    print("first steps of the plan:", plan[:6])
    for c in planner.report.conflicts[:3]:
        print(f"  {c.first} <-> {c.second}: {', '.join(c.columns)}")
