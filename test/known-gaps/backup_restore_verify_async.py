"""Restore drill: verify that backup snapshots can be read back intact.

For every snapshot the verifier downloads the manifest, fetches each referenced chunk
from the object store, decompresses it and recomputes the v1 archiver checksum stored
at backup time.  The verifier is an asyncio service; chunk checks go to a small worker
pool so the event loop stays responsive for the drill's progress API.
"""
import asyncio
import functools
import hashlib
import logging
import random
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Dict, List, Set

log = logging.getLogger("backup.restore")


def legacy_checksum(data: bytes) -> int:
    """Checksum of the v1 archiver: a position-salted Fletcher sum (not zlib.adler32)."""
    a, b = 1, 0
    for i, byte in enumerate(data):  # expect: GIL001
        a = (a + (byte ^ (i & 0xFF))) % 65521
        b = (b + a) % 65521
    return (b << 16) | a


@dataclass
class Snapshot:
    snapshot_id: str
    chunks: List[str] = field(default_factory=list)


class ObjectStoreClient:
    """Synchronous SDK for the object store (blocking HTTP under the hood)."""

    def __init__(self, blobs: Dict[str, bytes], manifests: Dict[str, List[str]],
                 latency_s: float = 0.002):
        self._blobs = blobs
        self._manifests = manifests
        self._latency_s = latency_s

    def get_object(self, key: str) -> bytes:
        time.sleep(self._latency_s)  # expect: GIL004
        return self._blobs[key]

    def download_manifest(self, snapshot_id: str, *, consistent: bool = True) -> Snapshot:
        time.sleep(self._latency_s * (3 if consistent else 1))  # ok: GIL004
        return Snapshot(snapshot_id, list(self._manifests[snapshot_id]))


class RestoreVerifier:
    def __init__(self, store: ObjectStoreClient, expected: Dict[str, int], workers: int = 2):
        self.store = store
        self.expected = expected
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="verify")
        self._verified: Set[str] = set()
        self.failures: List[str] = []
        self.chunks_verified = 0
        self.bytes_checked = 0

    def _check_chunk(self, digest: str, blob: bytes) -> bool:
        """Runs on the worker pool."""
        data = zlib.decompress(blob)
        ok = legacy_checksum(data) == self.expected[digest]
        self.bytes_checked += len(data)  # expect: GIL002
        return ok

    async def verify_snapshot(self, snapshot_id: str) -> int:
        loop = asyncio.get_running_loop()
        snap = await loop.run_in_executor(
            None, functools.partial(self.store.download_manifest, snapshot_id, consistent=True))
        checked = 0
        for digest in snap.chunks:
            if digest in self._verified:  # ok: GIL003
                continue
            self._verified.add(digest)
            blob = self.store.get_object(digest)
            if not await loop.run_in_executor(self._pool, self._check_chunk, digest, blob):
                self.failures.append(f"{snapshot_id}:{digest[:12]}")
            self.chunks_verified += 1  # ok: GIL002
            checked += 1
        log.info("snapshot %s: %d new chunks verified", snapshot_id, checked)
        return checked

    async def run_drill(self, snapshot_ids: List[str]) -> Dict[str, int]:
        try:
            counts = await asyncio.gather(*(self.verify_snapshot(s) for s in snapshot_ids))
        finally:
            self._pool.shutdown(wait=True)
        return dict(zip(snapshot_ids, counts))


def build_backup(snapshots: int, chunks_per_snapshot: int, chunk_size: int, seed: int = 4):
    """Simulates what the backup job left behind: blobs, manifests, checksums."""
    rng = random.Random(seed)
    pool = [rng.randbytes(chunk_size // 4) * 4 for _ in range(chunks_per_snapshot + 6)]
    blobs, manifests, expected = {}, {}, {}
    for s in range(snapshots):
        sid = f"snap-2024-06-{s + 10:02d}"
        manifests[sid] = []
        for k in range(chunks_per_snapshot):
            data = pool[(s * 3 + k) % len(pool)]
            digest = hashlib.sha256(data).hexdigest()
            if digest not in blobs:
                blobs[digest] = zlib.compress(data, 6)
                expected[digest] = legacy_checksum(data)
            manifests[sid].append(digest)
    return blobs, manifests, expected


async def main() -> None:
    blobs, manifests, expected = build_backup(snapshots=3, chunks_per_snapshot=8,
                                              chunk_size=64 * 1024)
    verifier = RestoreVerifier(ObjectStoreClient(blobs, manifests), expected)
    started = time.perf_counter()
    counts = await verifier.run_drill(sorted(manifests))
    print(f"verified {verifier.chunks_verified} unique chunks of {len(blobs)} "
          f"({verifier.bytes_checked} bytes); per snapshot {counts}")
    print(f"failures: {verifier.failures or 'none'}; drill took {time.perf_counter() - started:.3f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    asyncio.run(main())
