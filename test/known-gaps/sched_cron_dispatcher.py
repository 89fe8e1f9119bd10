"""Cron-style dispatcher: due jobs are leased from a heap and run on a pool.

The dispatcher keeps a min-heap of (due time, job) entries.  The main loop
pops due jobs and submits them to a ThreadPoolExecutor; a job must hold its
lease while it runs, so two overlapping schedules of the same job never run
at once.  Failed runs are rescheduled with exponential backoff.
"""
from __future__ import annotations

import heapq
import logging
import threading
import time
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Tuple

log = logging.getLogger("cron")


class _Held:
    """Context manager around a plain Lock, with a name for debugging."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._lock = threading.Lock()

    def __enter__(self) -> "_Held":
        self._lock.acquire()  # ok: GIL005
        return self

    def __exit__(self, *exc: Any) -> None:
        self._lock.release()


@dataclass(order=True)
class Entry:
    due: float
    seq: int
    job: "CronJob" = field(compare=False)


@dataclass
class CronJob:
    name: str
    fn: Callable[..., Any]
    every: float
    kwargs: Dict[str, Any] = field(default_factory=dict)
    lease: threading.Lock = field(default_factory=threading.Lock, repr=False)


class Dispatcher:
    def __init__(self, pool: ThreadPoolExecutor, backoff: float = 0.01) -> None:
        self._pool = pool
        self._backoff = backoff
        self._heap: List[Entry] = []
        self._lock = threading.Lock()
        self._guard = _Held("dispatcher-stats")
        self._seq = 0
        self._paused = False
        self.runs: Dict[str, int] = {}
        self.skipped_overlaps = 0
        self.failures = 0

    def schedule(self, job: CronJob, due: float) -> None:
        with self._lock:
            self._seq += 1
            heapq.heappush(self._heap, Entry(due, self._seq, job))

    def pop_due(self, now: float) -> Optional[CronJob]:
        self._lock.acquire()  # expect: GIL005
        if self._paused:
            return None
        entry = None
        if self._heap and self._heap[0].due <= now:
            entry = heapq.heappop(self._heap)
        self._lock.release()
        return entry.job if entry else None

    def next_due(self) -> float:
        with self._lock:
            return self._heap[0].due if self._heap else float("inf")

    def dispatch(self, job: CronJob) -> Future:
        return self._pool.submit(self._run_leased, job)

    def _run_leased(self, job: CronJob) -> Any:
        if not job.lease.acquire(timeout=0.001):  # ok: GIL005
            with self._guard:
                self.skipped_overlaps += 1  # ok: GIL002
            return None
        error: Optional[Exception] = None
        try:
            result = job.fn(**job.kwargs)
        except Exception as exc:
            error, result = exc, None
        finally:
            job.lease.release()
        if error is not None:
            self.failures += 1  # expect: GIL002
            log.warning("%s failed (%s); retrying in %.0f ms", job.name, error, self._backoff * 1e3)
            self.schedule(job, time.monotonic() + self._backoff)
            return None
        with self._guard:
            self.runs[job.name] = self.runs.get(job.name, 0) + 1  # ok: GIL002
        self.schedule(job, time.monotonic() + job.every)
        return result


def rebuild_search_index(docs: List[str], shard: int) -> Dict[str, int]:
    """Tokenise and count terms for one shard (pure Python, holds the GIL)."""
    index: Dict[str, int] = {}
    for doc in docs:  # expect: GIL001
        for token in doc.lower().split():
            token = token.strip(".,;:")
            if len(token) > 2 and not token.isdigit():
                index[token] = index.get(token, 0) + 1  # ok: GIL002
    return index


def rotate_logs(segments: List[bytes]) -> int:
    """Compress yesterday's log segments; zlib does the work outside the GIL."""
    total = 0
    for segment in segments:  # ok: GIL001
        total += len(zlib.compress(segment, 6))  # ok: GIL002
    return total


_attempts = {"flaky_export": 0}


def flaky_export() -> str:
    _attempts["flaky_export"] += 1  # ok: GIL002
    if _attempts["flaky_export"] < 2:
        raise ConnectionError("object store timed out")
    time.sleep(0.003)
    return "exported"


def run_for(dispatcher: Dispatcher, seconds: float) -> List[Future]:
    futures: List[Future] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = dispatcher.pop_due(time.monotonic())
        if job is None:
            time.sleep(min(0.002, max(0.0, dispatcher.next_due() - time.monotonic())))
            continue
        futures.append(dispatcher.dispatch(job))
    return futures


def main() -> None:
    logging.basicConfig(level=logging.ERROR, format="%(threadName)s %(message)s")
    words = "genome variant read pipeline scheduler histogram flag template render retry".split()
    corpus = [" ".join(words[(i * 7 + j) % len(words)] for j in range(40)) for i in range(6_000)]
    segments = [(b"GET /api/v1/items?page=%d 200\n" % i) * 40_000 for i in range(3)]
    pool = ThreadPoolExecutor(max_workers=3, thread_name_prefix="cron")
    dispatcher = Dispatcher(pool)
    now = time.monotonic()
    dispatcher.schedule(CronJob("index-a", rebuild_search_index, every=10.0,
                                kwargs={"docs": corpus, "shard": 0}), now)
    dispatcher.schedule(CronJob("index-b", rebuild_search_index, every=10.0,
                                kwargs={"docs": corpus, "shard": 1}), now)
    dispatcher.schedule(CronJob("logrotate", rotate_logs, every=10.0,
                                kwargs={"segments": segments}), now + 0.01)
    dispatcher.schedule(CronJob("flaky_export", flaky_export, every=10.0), now + 0.02)
    t0 = time.perf_counter()
    futures = run_for(dispatcher, 0.4)
    pool.shutdown(wait=True)
    sizes = [len(f.result()) if isinstance(f.result(), dict) else f.result() for f in futures]
    print(f"dispatched {len(futures)} runs in {time.perf_counter() - t0:.2f}s: {sizes}")
    print(f"runs={dispatcher.runs} failures={dispatcher.failures} overlaps={dispatcher.skipped_overlaps}")


if __name__ == "__main__":
    main()
