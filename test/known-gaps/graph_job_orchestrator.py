"""Graph shortest-path batch jobs: asyncio orchestrator for nightly APSP runs.

The orchestrator pulls job specs, waits for a compute slot from the cluster
quota service, runs Floyd-Warshall on each (small) region graph in a worker
thread, checksums the result matrix, and uploads it. A ``threading.Timer``
watchdog logs if the whole batch overruns its budget.
"""
from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

log = logging.getLogger("graph.orchestrator")

INF = float("inf")


@dataclass
class JobSpec:
    region: str
    nodes: int
    density: float = 0.15
    seed: int = 0
    attempts: int = field(default=0, compare=False)


def retry(times: int = 3, backoff_s: float = 0.01) -> Callable:
    """Retry a flaky *synchronous* call with linear back-off."""
    def deco(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(1, times + 1):
                try:
                    return fn(*args, **kwargs)
                except ConnectionError:
                    if attempt == times:
                        raise
                    time.sleep(backoff_s * attempt)  # expect: GIL004
        return wrapper
    return deco


class QuotaClient:
    """Legacy synchronous client of the cluster quota service."""

    def __init__(self, flaky_every: int = 3) -> None:
        self._calls = 0
        self.flaky_every = flaky_every

    @retry(times=4)
    def reserve_slot(self, region: str) -> str:
        self._calls += 1  # ok: GIL002
        if self._calls % self.flaky_every == 0:
            raise ConnectionError("quota service reset the connection")
        return f"slot-{region}-{self._calls}"


def build_matrix(spec: JobSpec) -> List[List[float]]:
    rng = random.Random(spec.seed)
    n = spec.nodes
    m = [[0.0 if i == j else INF for j in range(n)] for i in range(n)]
    for i in range(n):
        for j in range(n):
            if i != j and rng.random() < spec.density:
                m[i][j] = rng.uniform(1, 20)
    return m


def floyd_warshall(m: List[List[float]]) -> List[List[float]]:
    n = len(m)
    d = [row[:] for row in m]
    for k in range(n):  # expect: GIL001
        dk = d[k]
        for i in range(n):
            dik = d[i][k]
            if dik == INF:
                continue
            di = d[i]
            for j in range(n):
                nd = dik + dk[j]
                if nd < di[j]:
                    di[j] = nd
    return d


def matrix_digest(d: List[List[float]], rounds: int = 40) -> str:
    """Checksum the serialized matrix; the repeated pass mimics the archive's block hashing."""
    blob = "\n".join(",".join(f"{x:.3f}" for x in row) for row in d).encode() * 16
    h = hashlib.sha256()
    for _ in range(rounds):  # ok: GIL001
        h.update(blob)
    return h.hexdigest()


def upload(region: str, digest: str, store: Dict[str, str]) -> None:
    time.sleep(0.01)  # ok: GIL004
    store[region] = digest


class Orchestrator:
    def __init__(self, quota: QuotaClient, budget_s: float = 2.0) -> None:
        self.quota = quota
        self.budget_s = budget_s
        self.store: Dict[str, str] = {}
        self.completed: List[str] = []
        self._watchdog: Optional[threading.Timer] = None

    def _overrun(self) -> None:
        log.warning("batch exceeded its %.1fs budget", self.budget_s)

    async def run_one(self, spec: JobSpec) -> None:
        slot = self.quota.reserve_slot(spec.region)
        matrix = build_matrix(spec)
        dist = await asyncio.to_thread(floyd_warshall, matrix)
        digest = await asyncio.to_thread(matrix_digest, dist)
        await asyncio.to_thread(upload, spec.region, digest, self.store)
        self.completed.append(f"{spec.region}@{slot}")

    async def run_batch(self, specs: List[JobSpec]) -> None:
        self._watchdog = threading.Timer(self.budget_s, self._overrun)
        self._watchdog.daemon = True
        self._watchdog.start()
        try:
            await asyncio.gather(*(self.run_one(s) for s in specs))
        finally:
            self._watchdog.cancel()


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    specs = [JobSpec(region=r, nodes=100, seed=i) for i, r in enumerate(("north", "south", "east", "west"))]
    orch = Orchestrator(QuotaClient())
    t0 = time.perf_counter()
    asyncio.run(orch.run_batch(specs))
    print(f"completed {len(orch.completed)} jobs in {time.perf_counter() - t0:.2f}s")
    for region in sorted(orch.store):
        print(f"  {region}: {orch.store[region][:16]}")


if __name__ == "__main__":
    main()
