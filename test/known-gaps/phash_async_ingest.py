"""Async ingestion service for user-uploaded images.

Uploads arrive on an asyncio queue.  For every upload the service computes an
average hash (aHash) off the event loop, compresses the raw thumbnail, stores it
in the blob store (a synchronous client with occasional transient errors) and
records the hash so the dedup pass can find look-alikes later.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import random
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger("phash.ingest")

STATS = {"pixels": 0}
SIDE = 96


class TransientStoreError(RuntimeError):
    pass


@dataclass
class Upload:
    upload_id: int
    user: str
    pixels: bytes


def average_hash(pixels: bytes, side: int = SIDE, grid: int = 8) -> int:
    """aHash: 8x8 block means compared with the global mean."""
    step = side // grid
    means = []
    for by in range(grid):  # expect: GIL001
        for bx in range(grid):
            total = 0
            for y in range(by * step, (by + 1) * step):
                row = y * side
                for x in range(bx * step, (bx + 1) * step):
                    total += pixels[row + x]
            means.append(total / (step * step))
    overall = sum(means) / len(means)
    bits = 0
    for m in means:
        bits = (bits << 1) | (m >= overall)
    STATS["pixels"] += len(pixels)  # expect: GIL002
    return bits


class BlobStore:
    """Synchronous object-store client (think boto3)."""

    def __init__(self, latency: float, flaky_every: int = 6):
        self.latency = latency
        self.flaky_every = flaky_every
        self.objects: dict = {}

    def put(self, key: str, blob: bytes, attempt: int = 0) -> None:
        time.sleep(self.latency)  # ok: GIL004
        if attempt == 0 and zlib.crc32(key.encode()) % self.flaky_every == 0:
            raise TransientStoreError(key)  # the first PUT of some keys times out
        self.objects[key] = blob


class IngestService:
    def __init__(self, store: BlobStore, workers: int = 2):
        self.store = store
        self.hashes: dict = {}
        self.ingested = 0
        self.retries = 0
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ahash")

    async def _store_with_retry(self, key: str, blob: bytes, attempts: int = 4) -> None:
        for attempt in range(attempts):
            try:
                await asyncio.to_thread(self.store.put, key, blob, attempt)
                return
            except TransientStoreError:
                self.retries += 1
                log.info("retrying %s", key)
                time.sleep(0.003 * (attempt + 1))  # expect: GIL004
        raise TransientStoreError(f"gave up on {key}")

    async def ingest(self, upload: Upload) -> None:
        loop = asyncio.get_running_loop()
        h = await loop.run_in_executor(self._pool, average_hash, upload.pixels)
        packed = await loop.run_in_executor(None, functools.partial(zlib.compress, upload.pixels, 6))
        await self._store_with_retry(f"{upload.user}/{upload.upload_id}.raw.z", packed)
        self.hashes[upload.upload_id] = h
        self.ingested += 1  # ok: GIL002

    async def consume(self, inbox: asyncio.Queue) -> None:
        while True:
            upload = await inbox.get()
            try:
                if upload is None:
                    return
                await self.ingest(upload)
            finally:
                inbox.task_done()

    def close(self) -> None:
        self._pool.shutdown(wait=True)


LOW_BITS = bytes(b & 7 for b in range(256))


@functools.lru_cache(maxsize=None)
def backdrop(tone: int) -> int:
    """A synthetic scene for one exposure level, as a big integer of pixels."""
    scene = bytes((tone + (x * y) % 37) % 248 for y in range(SIDE) for x in range(SIDE))
    return int.from_bytes(scene, "big")


def fake_upload(i: int, rng: random.Random) -> Upload:
    noise = int.from_bytes(rng.randbytes(SIDE * SIDE).translate(LOW_BITS), "big")
    pixels = (backdrop(rng.choice((48, 96, 144, 192))) ^ noise).to_bytes(SIDE * SIDE, "big")
    return Upload(i, f"user{i % 5}", pixels)


async def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    rng = random.Random(1)
    uploads = [fake_upload(i, rng) for i in range(200)]
    service = IngestService(BlobStore(latency=0.002))
    inbox: asyncio.Queue = asyncio.Queue(maxsize=8)
    started = time.perf_counter()
    consumers = [asyncio.create_task(service.consume(inbox)) for _ in range(4)]
    for upload in uploads:
        await inbox.put(upload)
    for _ in consumers:
        await inbox.put(None)
    await asyncio.gather(*consumers)
    service.close()
    elapsed = time.perf_counter() - started
    distinct = len(set(service.hashes.values()))
    print(f"ingested {service.ingested} uploads in {elapsed:.2f}s ({service.retries} store retries)")
    print(f"{distinct} distinct aHashes; {STATS['pixels']} pixels hashed; {len(service.store.objects)} blobs")


if __name__ == "__main__":
    asyncio.run(main())
