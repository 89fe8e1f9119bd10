"""Asyncio job runner with per-job exponential backoff and health probes.

Jobs are coroutines; `run_with_backoff` retries a failing job with capped
exponential backoff.  Before each batch the runner probes a health endpoint
over a blocking socket, in a worker thread.  A few legacy jobs still go
through the old synchronous retry helper.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Awaitable, Callable, Dict, List, Optional

log = logging.getLogger("runner")


@dataclass
class RetryConfig:
    attempts: int = 4
    base: float = 0.004
    cap: float = 0.03

    def delay(self, attempt: int) -> float:
        return min(self.cap, self.base * (2 ** attempt))


@dataclass
class RunnerStats:
    started: int = 0
    retries: int = 0
    gave_up: int = 0
    per_job: Dict[str, int] = field(default_factory=dict)


def health_server(sock: socket.socket, replies: int, latency: float) -> None:
    """Answers `PING` with `PONG` after a small delay; runs in its own thread."""
    for _ in range(replies):  # ok: GIL001
        data = sock.recv(16)  # ok: GIL004
        if not data:
            break
        time.sleep(latency)
        sock.sendall(b"PONG\n")


def retrying(config: RetryConfig):
    """Decorator for coroutine jobs: retry on ConnectionError with backoff."""
    def decorate(fn: Callable[..., Awaitable]):
        @functools.wraps(fn)
        async def wrapper(runner: "JobRunner", *args, **kwargs):
            for attempt in range(config.attempts):
                try:
                    return await fn(runner, *args, **kwargs)
                except ConnectionError as exc:
                    runner.stats.retries += 1  # ok: GIL002
                    log.debug("%s attempt %d failed: %s", fn.__name__, attempt, exc)
                    await asyncio.sleep(config.delay(attempt))  # ok: GIL004
            runner.stats.gave_up += 1  # ok: GIL002
            return None
        return wrapper
    return decorate


def legacy_retry(call: Callable[[], object], config: RetryConfig) -> Optional[object]:
    """Synchronous retry loop kept for jobs ported from the old cron box."""
    for attempt in range(config.attempts):
        try:
            return call()
        except ConnectionError:
            time.sleep(config.delay(attempt))  # expect: GIL004
    return None


class JobRunner:
    def __init__(self, probe_sock: socket.socket, config: RetryConfig) -> None:
        self.probe_sock = probe_sock
        self.config = config
        self.stats = RunnerStats()
        self._inflight: Dict[str, asyncio.Task] = {}
        self._failures_left: Dict[str, int] = {}

    def _probe(self) -> bool:
        """Blocking health probe; must only run off the event loop."""
        self.probe_sock.sendall(b"PING\n")  # ok: GIL004
        return self.probe_sock.recv(16) == b"PONG\n"  # ok: GIL004

    def _maybe_fail(self, name: str) -> None:
        left = self._failures_left.get(name, 0)
        if left:
            self._failures_left[name] = left - 1
            raise ConnectionError(f"{name}: connection reset")

    @retrying(RetryConfig())
    async def refresh_cache(self, region: str) -> str:
        self._maybe_fail(f"refresh:{region}")
        await asyncio.sleep(0.002)
        return f"cache:{region}"

    @retrying(RetryConfig(attempts=2))
    async def publish_report(self, day: int) -> str:
        self._maybe_fail(f"report:{day}")
        await asyncio.sleep(0.001)
        return f"report:{day}"

    async def run_legacy(self, name: str) -> Optional[object]:
        def call() -> str:
            self._maybe_fail(name)
            return f"legacy:{name}"
        return legacy_retry(call, self.config)

    def submit(self, name: str, factory: Callable[[], Awaitable]) -> asyncio.Task:
        if name not in self._inflight:  # ok: GIL003
            self.stats.started += 1  # ok: GIL002
            self._inflight[name] = asyncio.get_running_loop().create_task(factory(), name=name)
        return self._inflight[name]

    async def run_batch(self, jobs: Dict[str, Callable[[], Awaitable]]) -> List[object]:
        healthy = await asyncio.to_thread(self._probe)
        if not healthy:
            raise RuntimeError("health probe failed")
        tasks = [self.submit(name, factory) for name, factory in jobs.items()]
        results = await asyncio.gather(*tasks)
        for name, result in zip(jobs, results):
            self.stats.per_job[name] = self.stats.per_job.get(name, 0) + 1  # ok: GIL002
        return results


async def main() -> None:
    ours, theirs = socket.socketpair()
    server = threading.Thread(target=functools.partial(health_server, theirs, replies=3, latency=0.003),
                              name="health", daemon=True)
    server.start()
    runner = JobRunner(ours, RetryConfig())
    runner._failures_left.update({"refresh:eu": 2, "report:3": 5, "nightly-gc": 1})
    t0 = time.perf_counter()
    for batch_no in range(3):
        jobs = {
            f"refresh-eu-{batch_no}": functools.partial(runner.refresh_cache, "eu"),
            f"refresh-us-{batch_no}": functools.partial(runner.refresh_cache, "us"),
            f"report-{batch_no}": functools.partial(runner.publish_report, batch_no + 2),
            f"legacy-{batch_no}": functools.partial(runner.run_legacy, "nightly-gc"),
        }
        results = await runner.run_batch(jobs)
        print(f"batch {batch_no}: {results}")
    s = runner.stats
    print(f"started={s.started} retries={s.retries} gave_up={s.gave_up} "
          f"elapsed={time.perf_counter() - t0:.2f}s")
    ours.close()
    server.join(timeout=1)
    theirs.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
