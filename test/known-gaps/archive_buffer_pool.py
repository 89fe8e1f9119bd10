#!/usr/bin/env python3
"""Archive log segments in parallel, reusing a fixed set of scratch buffers."""
import contextlib
import functools
import os
import queue
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor

CHUNK = 256 * 1024


class BufferPool:
    """Hands out preallocated bytearrays; callers block while all are borrowed."""

    def __init__(self, count, size):
        self.size = size
        self._free = queue.LifoQueue()
        for _ in range(count):
            self._free.put(bytearray(size))

    @contextlib.contextmanager
    def borrowed(self, timeout=2.0):
        buf = self._free.get(timeout=timeout)
        try:
            yield buf
        finally:
            self._free.put(buf)


stats_lock = threading.Lock()
stats = {"segments": 0, "bytes_out": 0}
bytes_in = 0
scratch = threading.local()


def compress_segment(pool, segment):
    global bytes_in
    bytes_in += len(segment)  # expect: GIL002
    scratch.calls = getattr(scratch, "calls", 0) + 1  # ok: GIL002
    parts = []
    with pool.borrowed() as buf:
        for off in range(0, len(segment), pool.size):  # ok: GIL001
            view = segment[off:off + pool.size]
            buf[:len(view)] = view
            parts.append(zlib.compress(bytes(buf[:len(view)]), 6))
    blob = b"".join(parts)
    with stats_lock:
        stats["segments"] += 1  # ok: GIL002
        stats["bytes_out"] += len(blob)  # ok: GIL002
    return blob


def main():
    pool = BufferPool(count=2, size=CHUNK)
    text = b"2024-05-01T12:00:00Z GET /api/orders 200 12ms\n" * 4096
    segments = [os.urandom(CHUNK // 4) + text for _ in range(8)]

    with ThreadPoolExecutor(max_workers=4) as ex:
        blobs = list(ex.map(functools.partial(compress_segment, pool), segments))

    archived = 0
    for blob in blobs:
        archived += len(blob)  # ok: GIL002
    print(f"segments={stats['segments']} in={bytes_in} out={archived} (stats says {stats['bytes_out']})")


if __name__ == "__main__":
    main()
