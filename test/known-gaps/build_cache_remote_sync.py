"""Push a CI job's local build cache to the shared remote cache.

After a green build the agent uploads new cache artifacts: it reads them
from the workspace (an NFS mount that sometimes hiccups), compresses them,
uploads them with retries, and finally verifies the Merkle roots of the
job's two manifests before publishing them.
"""
from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import os
import random
import tempfile
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Dict, List, Sequence, Tuple

log = logging.getLogger("ci.remote")

PART_SIZE = 256 * 1024
MERKLE_BATCH = 512


class UploadError(Exception):
    pass


def retry(attempts: int = 3, backoff: float = 0.001):
    """Retry a blocking call on OSError with exponential back-off."""
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(attempts):
                try:
                    return fn(*args, **kwargs)
                except OSError:
                    if attempt == attempts - 1:
                        raise
                    time.sleep(backoff * 2 ** attempt)  # ok: GIL004
        return wrapper
    return decorate


def async_retry(attempts: int = 3, backoff: float = 0.002):
    """Same policy for coroutines (ported from `retry`)."""
    def decorate(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(attempts):
                try:
                    return await fn(*args, **kwargs)
                except UploadError as exc:
                    if attempt == attempts - 1:
                        raise
                    log.warning("%s, retrying", exc)
                    time.sleep(backoff * 2 ** attempt)  # expect: GIL004
        return wrapper
    return decorate


@dataclass(frozen=True)
class ManifestEntry:
    path: str
    size: int
    digest: str


class FlakyMount:
    """Reproduces the NFS hiccup seen on the agents: first read of a file fails."""

    def __init__(self, names: Sequence[str]) -> None:
        self._pending = set(names)
        self._lock = threading.Lock()

    def check(self, path: str) -> None:
        with self._lock:
            if os.path.basename(path) in self._pending:  # ok: GIL003
                self._pending.discard(os.path.basename(path))
                raise OSError(116, "Stale file handle", path)


MOUNT = FlakyMount(["lib3.a"])


@retry(attempts=3)
def read_artifact(path: str) -> bytes:
    MOUNT.check(path)
    with open(path, "rb") as fh:
        return fh.read()


def compress_parts(data: bytes) -> List[bytes]:
    parts = []
    for offset in range(0, len(data), PART_SIZE):  # ok: GIL001
        parts.append(zlib.compress(data[offset:offset + PART_SIZE], 6))
    return parts


def _pair(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def merkle_root(entries: Sequence[ManifestEntry]) -> str:
    roots: List[bytes] = []
    for start in range(0, len(entries), MERKLE_BATCH):  # expect: GIL001
        level = [hashlib.sha256(f"{e.path}:{e.size}:{e.digest}".encode()).digest()
                 for e in entries[start:start + MERKLE_BATCH]]
        while len(level) > 1:
            level = [_pair(level[i], level[min(i + 1, len(level) - 1)])
                     for i in range(0, len(level), 2)]
        roots.append(level[0])
    return hashlib.sha256(b"".join(roots)).hexdigest()


class RemoteCache:
    def __init__(self, latency: float, flaky: Tuple[str, ...] = ()) -> None:
        self.latency = latency
        self._fail_once = set(flaky)
        self.objects: Dict[str, int] = {}
        self.uploaded_bytes = 0

    @async_retry(attempts=3)
    async def upload(self, name: str, parts: List[bytes]) -> None:
        await asyncio.sleep(self.latency)
        if name in self._fail_once:  # ok: GIL003
            self._fail_once.discard(name)
            raise UploadError(f"502 Bad Gateway for {name}")
        self.objects[name] = len(parts)
        self.uploaded_bytes += sum(map(len, parts))  # ok: GIL002


class CacheSync:
    def __init__(self, remote: RemoteCache, workspace: str) -> None:
        self.remote = remote
        self.workspace = workspace
        self.io_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="io")
        self.cpu_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="verify")

    async def push_one(self, name: str) -> None:
        loop = asyncio.get_running_loop()
        data = await asyncio.to_thread(read_artifact, os.path.join(self.workspace, name))
        parts = await loop.run_in_executor(self.io_pool, compress_parts, data)
        await self.remote.upload(name, parts)

    async def run(self, names: List[str], manifests: List[List[ManifestEntry]]) -> List[str]:
        loop = asyncio.get_running_loop()
        try:
            await asyncio.gather(*(self.push_one(n) for n in names))
            return list(await asyncio.gather(
                *(loop.run_in_executor(self.cpu_pool, merkle_root, m) for m in manifests)))
        finally:
            self.io_pool.shutdown()
            self.cpu_pool.shutdown()


def make_workspace(root: str, names: List[str]) -> None:
    rng = random.Random(4)
    for name in names:
        with open(os.path.join(root, name), "wb") as fh:
            fh.write(rng.randbytes(256) * (PART_SIZE // 64))


def make_manifest(seed: int, count: int) -> List[ManifestEntry]:
    rng = random.Random(seed)
    return [ManifestEntry(f"out/obj{i}.o", rng.randint(1_000, 90_000), f"{rng.getrandbits(128):032x}")
            for i in range(count)]


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    names = [f"lib{i}.a" for i in range(6)]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ws-") as ws:
        make_workspace(ws, names)
        remote = RemoteCache(latency=0.004, flaky=("lib1.a", "lib4.a"))
        sync = CacheSync(remote, ws)
        roots = asyncio.run(sync.run(names, [make_manifest(1, 30_000), make_manifest(2, 30_000)]))
    print(f"uploaded {len(remote.objects)} artifacts, {remote.uploaded_bytes} bytes compressed")
    print(f"manifest roots: {[r[:16] for r in roots]}")
    print(f"sync finished in {time.perf_counter() - started:.2f}s")
