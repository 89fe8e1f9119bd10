#!/usr/bin/env python3
"""Index a scratch directory: sha256 every file on a pool, caching by (path, mtime)."""
import hashlib
import os
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed

READ_SIZE = 64 * 1024
MAGIC = {0x1F8B: "gzip", 0x504B: "zip", 0x2550: "pdf"}


class ChecksumIndex:
    def __init__(self):
        self._lock = threading.Lock()
        self._cache = {}
        self.hits = 0
        self.misses = 0

    def _hash_file(self, path):
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            while True:  # ok: GIL001
                block = fh.read(READ_SIZE)
                if not block:
                    break
                h.update(block)
        return h.hexdigest()

    def digest(self, path):
        key = (path, os.stat(path).st_mtime_ns)
        with self._lock:
            if key in self._cache:  # ok: GIL003
                self.hits += 1  # ok: GIL002
                return self._cache[key]
        value = self._hash_file(path)
        with self._lock:
            self.misses += 1  # ok: GIL002
            return self._cache.setdefault(key, value)

    def snapshot(self):
        self._lock.acquire()  # ok: GIL005
        try:
            return dict(self._cache)
        finally:
            self._lock.release()


def sniff(path):
    with open(path, "rb") as fh:
        header = fh.read(4096)
    kind = MAGIC.get(int.from_bytes(header[:2], "big"), "data")
    rolling = 0
    for b in header:  # expect: GIL001
        rolling = ((rolling << 5) + rolling + b) & 0xFFFFFFFF
    return kind, rolling


def populate(root, count=12, size=256 * 1024):
    paths = []
    for i in range(count):
        path = os.path.join(root, "part-%02d.bin" % i)
        with open(path, "wb") as fh:
            fh.write(bytes([0x1F, 0x8B]) if i % 4 == 0 else b"PK")
            fh.write(os.urandom(size))
        paths.append(path)
    return paths


def main():
    index = ChecksumIndex()
    with tempfile.TemporaryDirectory(prefix="ckidx-") as root:
        paths = populate(root)
        with ThreadPoolExecutor(max_workers=4) as pool:
            for _round in range(2):
                futs = {pool.submit(index.digest, p): p for p in paths}
                for fut in as_completed(futs):
                    fut.result()
            kinds = dict(zip(paths, pool.map(sniff, paths)))
        total = 0
        for p in paths:
            total += os.path.getsize(p)  # ok: GIL002
    by_kind = {}
    for kind, _ in kinds.values():
        by_kind[kind] = by_kind.get(kind, 0) + 1  # ok: GIL002
    print("indexed %d files, %d bytes" % (len(index.snapshot()), total))
    print("cache hits=%d misses=%d" % (index.hits, index.misses))
    print("types:", by_kind)


if __name__ == "__main__":
    main()
