"""Asyncio lockfile refresher.

For each project the service fetches release metadata for its pins from the
(async) registry client, renders a new lockfile with artifact hashes,
fingerprints it so unchanged lockfiles are not rewritten, and writes it out.
A watchdog thread reports event-loop stalls, which is how slow retries were
first noticed in production.
"""
import asyncio
import functools
import hashlib
import logging
import os
import tempfile
import threading
import time

log = logging.getLogger("deps.lockfile")

FNV_PRIME, FNV_OFFSET, MASK64 = 0x100000001B3, 0xCBF29CE484222325, (1 << 64) - 1


class RegistryUnavailable(ConnectionError):
    pass


def async_retry(attempts=3, delay=0.01, retry_on=(RegistryUnavailable,)):
    """Retry a coroutine on transient registry errors with linear back-off."""
    def decorate(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(1, attempts + 1):
                try:
                    return await fn(*args, **kwargs)
                except retry_on as exc:
                    if attempt == attempts:
                        raise
                    log.info("retrying %s (%s)", fn.__name__, exc)
                    time.sleep(delay * attempt)  # expect: GIL004
        return wrapper
    return decorate


class FakeRegistry:
    """In-process registry: every fifth package fails on its first request."""

    def __init__(self):
        self._seen = set()

    async def metadata(self, name):
        await asyncio.sleep(0.002)  # ok: GIL004
        if sum(map(ord, name)) % 5 == 0 and name not in self._seen:  # ok: GIL003
            self._seen.add(name)
            raise RegistryUnavailable(f"502 Bad Gateway for {name}")
        digest = hashlib.sha256(name.encode()).hexdigest()
        return {"name": name, "version": f"{len(name) % 4 + 1}.{sum(map(ord, name)) % 10}",
                "hashes": [hashlib.sha256(f"{digest}{i}".encode()).hexdigest() for i in range(6)]}


def fingerprint(text, rounds=16):
    """FNV-1a over the canonical lockfile, stretched (matches the Go tool's format)."""
    data = "\n".join(sorted(text.splitlines())).encode()
    h = FNV_OFFSET
    for r in range(rounds):  # expect: GIL001
        h ^= r
        for byte in data:
            h = ((h ^ byte) * FNV_PRIME) & MASK64
    return f"{h:016x}"


class LoopWatchdog:
    """Measures how late a heartbeat scheduled on the loop actually runs."""

    def __init__(self, loop, period=0.01):
        self.loop, self.period = loop, period
        self.worst_lag = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="loop-watchdog", daemon=True)

    def _beat(self, sent):
        self.worst_lag = max(self.worst_lag, time.monotonic() - sent)

    def _watch(self):
        while not self._stop.wait(self.period):  # ok: GIL001
            self.loop.call_soon_threadsafe(self._beat, time.monotonic())

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


class LockfileService:
    def __init__(self, registry, out_dir):
        self.registry, self.out_dir = registry, out_dir
        self.stats = {"written": 0, "unchanged": 0}
        self.previous = {}

    @async_retry(attempts=3, delay=0.015)
    async def fetch(self, name):
        return await self.registry.metadata(name)

    def _write(self, project, text):
        """Runs on executor threads: write-then-rename so readers never see a torn file."""
        path = os.path.join(self.out_dir, f"{project}.lock")
        with open(path + ".tmp", "w") as fh:
            fh.write(text)
        os.replace(path + ".tmp", path)
        time.sleep(0.005)  # ok: GIL004
        self.stats["written"] += 1  # expect: GIL002
        return path

    async def refresh(self, project, pins):
        loop = asyncio.get_running_loop()
        metas = await asyncio.gather(*(self.fetch(p) for p in pins))
        lines = [f"{m['name']}=={m['version']} --hash=sha256:{h}" for m in metas for h in m["hashes"]]
        text = "\n".join(lines * 8) + "\n"
        fp = await loop.run_in_executor(None, fingerprint, text)
        if self.previous.get(project) == fp:
            self.stats["unchanged"] += 1
            return project, fp, None
        path = await loop.run_in_executor(None, functools.partial(self._write, project, text))
        self.previous[project] = fp
        return project, fp, path


PROJECTS = {
    "billing-api": ["attrs", "click", "httpx", "pydantic", "sqlalchemy", "structlog"],
    "search-indexer": ["attrs", "lxml", "numpy", "orjson", "rich", "tenacity"],
    "web-frontend": ["jinja2", "markupsafe", "starlette", "uvicorn", "watchfiles", "click"],
}


async def main():
    with tempfile.TemporaryDirectory() as out_dir:
        service = LockfileService(FakeRegistry(), out_dir)
        with LoopWatchdog(asyncio.get_running_loop()) as watchdog:
            started = time.perf_counter()
            results = await asyncio.gather(*(service.refresh(p, pins) for p, pins in PROJECTS.items()))
            await asyncio.sleep(0.03)
        for project, fp, path in results:
            size = os.path.getsize(path) if path else 0
            print(f"{project:<15} {fp} {size:>7} bytes")
    print(f"stats={service.stats} in {time.perf_counter() - started:.2f}s, "
          f"worst loop lag {watchdog.worst_lag * 1000:.1f} ms")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main())
