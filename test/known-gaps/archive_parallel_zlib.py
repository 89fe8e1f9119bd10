"""Chunked archive writer: profile each chunk, then deflate it on a thread pool.

Input is cut into fixed-size chunks.  A profiling pass estimates each
chunk's byte entropy to decide whether compressing it is worth it (already
compressed media is stored raw).  The chosen chunks are then deflated in
parallel and written with a small frame header: magic, index, method, sizes,
CRC32.
"""
import logging
import math
import os
import random
import struct
import tempfile
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger("archive")

CHUNK_SIZE = 256 * 1024
FRAME = struct.Struct("<4sIBII")  # magic, index, method, raw size, crc32
METHOD_STORE, METHOD_DEFLATE = 0, 1


@dataclass(frozen=True)
class ChunkProfile:
    index: int
    entropy: float
    longest_run: int

    @property
    def compressible(self):
        return self.entropy < 7.2


@dataclass
class PackedChunk:
    index: int
    method: int
    raw_size: int
    crc: int
    payload: bytes


def iter_chunks(data, size=CHUNK_SIZE):
    for offset in range(0, len(data), size):
        yield offset // size, data[offset:offset + size]


def chunk_profile(index, chunk):
    counts = [0] * 256
    longest = run = 0
    prev = -1
    for b in chunk:  # expect: GIL001
        counts[b] += 1  # ok: GIL002
        if b == prev:
            run += 1
            if run > longest:
                longest = run
        else:
            run = 0
        prev = b
    n = len(chunk)
    entropy = -sum(c / n * math.log2(c / n) for c in counts if c)
    return ChunkProfile(index, entropy, longest)


def deflate_chunk(index, chunk, level=6, piece=64 * 1024):
    comp = zlib.compressobj(level)
    parts = []
    for start in range(0, len(chunk), piece):  # ok: GIL001
        parts.append(comp.compress(chunk[start:start + piece]))
    parts.append(comp.flush())
    return PackedChunk(index, METHOD_DEFLATE, len(chunk), zlib.crc32(chunk), b"".join(parts))


def store_chunk(index, chunk):
    return PackedChunk(index, METHOD_STORE, len(chunk), zlib.crc32(chunk), chunk)


class ArchiveWriter:
    def __init__(self, path, workers=4, level=6):
        self.path = path
        self.workers = workers
        self.level = level
        self._lock = threading.Lock()
        self.chunks_done = 0
        self.bytes_done = 0

    def _on_done(self, future):
        with self._lock:
            self.chunks_done += 1  # ok: GIL002
        self.bytes_done += future.result().raw_size  # expect: GIL002

    def write(self, data):
        chunks = dict(iter_chunks(data))
        with ThreadPoolExecutor(self.workers, thread_name_prefix="profile") as pool:
            profiles = list(pool.map(chunk_profile, chunks.keys(), chunks.values()))

        packed = {}
        with ThreadPoolExecutor(self.workers, thread_name_prefix="deflate") as pool:
            futures = []
            for prof in profiles:
                chunk = chunks[prof.index]
                if prof.compressible:
                    fut = pool.submit(deflate_chunk, prof.index, chunk, level=self.level)
                else:
                    fut = pool.submit(store_chunk, prof.index, chunk)
                fut.add_done_callback(self._on_done)
                futures.append(fut)
            for fut in futures:
                pc = fut.result()
                packed[pc.index] = pc

        with open(self.path, "wb") as fh:
            for index in sorted(packed):
                pc = packed[index]
                fh.write(FRAME.pack(b"CHNK", pc.index, pc.method, pc.raw_size, pc.crc))
                fh.write(struct.pack("<I", len(pc.payload)))
                fh.write(pc.payload)
        return profiles


def read_archive(path):
    out = []
    with open(path, "rb") as fh:
        while header := fh.read(FRAME.size):
            magic, index, method, raw_size, crc = FRAME.unpack(header)
            (length,) = struct.unpack("<I", fh.read(4))
            payload = fh.read(length)
            data = zlib.decompress(payload) if method == METHOD_DEFLATE else payload
            if zlib.crc32(data) != crc or len(data) != raw_size:
                raise ValueError(f"chunk {index} corrupt")
            out.append(data)
    return b"".join(out)


def sample_input(seed=7):
    rng = random.Random(seed)
    words = [bytes(rng.choice(b"abcdefghijklmnop") for _ in range(rng.randint(3, 9))) for _ in range(400)]
    text = b" ".join(rng.choice(words) for _ in range(400_000))[: 8 * CHUNK_SIZE]
    media = os.urandom(4 * CHUNK_SIZE)  # already-compressed payload
    return text[:4 * CHUNK_SIZE] + media + text[4 * CHUNK_SIZE:]


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    data = sample_input()
    with tempfile.TemporaryDirectory() as tmp:
        writer = ArchiveWriter(os.path.join(tmp, "bundle.chnk"))
        started = time.perf_counter()
        profiles = writer.write(data)
        elapsed = time.perf_counter() - started
        size = os.path.getsize(writer.path)
        roundtrip = read_archive(writer.path)
    stored = sum(1 for p in profiles if not p.compressible)
    log.info("%d chunks (%d stored raw), %d -> %d bytes (%.1f%%) in %.2f s",
             len(profiles), stored, len(data), size, 100 * size / len(data), elapsed)
    log.info("progress: %d chunks, %d bytes; roundtrip ok: %s",
             writer.chunks_done, writer.bytes_done, roundtrip == data)
