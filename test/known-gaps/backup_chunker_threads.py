"""Deduplicating backup of a directory: content-defined chunking + SHA-256 index.

Chunker threads cut each file at content-defined boundaries (a gear rolling
hash), so an insertion early in a file does not shift every later chunk.
Chunks flow through a queue to hasher threads that store each unique chunk once
under its digest.  Finally every file is restored from its manifest and compared.
"""
import functools
import hashlib
import logging
import os
import queue
import random
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger("backup")

_rng = random.Random(0xB4C)
GEAR = [_rng.getrandbits(32) for _ in range(256)]


def find_cut_points(data, mask=0x1FFF, min_size=2048, max_size=32768):
    """Return end offsets of content-defined chunks (average ~8 KiB)."""
    cuts = []
    h = 0
    last = 0
    for i, byte in enumerate(data):  # expect: GIL001
        h = ((h << 1) + GEAR[byte]) & 0xFFFFFFFF
        size = i - last + 1
        if size < min_size:
            continue
        if (h & mask) == 0 or size >= max_size:
            cuts.append(i + 1)
            last = i + 1
            h = 0
    if last < len(data):
        cuts.append(len(data))
    return cuts


def chunk_file(path, out_q):
    with open(path, "rb") as fh:
        data = fh.read()
    cuts = find_cut_points(data)
    start = 0
    for end in cuts:  # ok: GIL001
        out_q.put((path, start, data[start:end]))
        start = end
    return path, len(cuts)


class ChunkStore:
    """Content-addressed chunk directory plus an in-memory digest index."""

    def __init__(self, root):
        self.root = root
        self.index = {}
        self.stored_bytes = 0
        self.dup_bytes = 0
        self._stats_lock = threading.Lock()

    def _path(self, digest):
        return os.path.join(self.root, digest[:2], digest)

    def put(self, chunk):
        digest = hashlib.sha256(chunk).hexdigest()
        if digest not in self.index:  # expect: GIL003
            path = self._path(digest)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as fh:
                fh.write(chunk)
            self.index[digest] = path
            self.stored_bytes += len(chunk)  # expect: GIL002
        else:
            with self._stats_lock:
                self.dup_bytes += len(chunk)  # ok: GIL002
        return digest

    def drain(self, in_q, manifest):
        while True:  # ok: GIL001
            item = in_q.get()
            if item is None:
                return
            path, offset, chunk = item
            manifest[(path, offset)] = self.put(chunk)

    def read(self, digest):
        with open(self.index[digest], "rb") as fh:
            return fh.read()


def make_corpus(root, n_files=4, size=256 * 1024, seed=3):
    """Files that share most of their content (like successive VM images)."""
    rng = random.Random(seed)
    base = rng.randbytes(size)
    paths = []
    for i in range(n_files):
        edit_at = rng.randrange(size)
        data = base[:edit_at] + rng.randbytes(300 + i * 50) + base[edit_at:]
        path = os.path.join(root, "image-%d.bin" % i)
        with open(path, "wb") as fh:
            fh.write(data)
        paths.append(path)
    return paths


def restore(store, manifest, path):
    parts = sorted((offset, digest) for (p, offset), digest in manifest.items() if p == path)
    return b"".join(store.read(digest) for _, digest in parts)


def backup(paths, store, chunkers=2, hashers=2):
    chunk_q = queue.Queue(maxsize=256)
    manifest = {}
    hasher_threads = [threading.Thread(target=store.drain, args=(chunk_q, manifest), name="hash-%d" % i)
                      for i in range(hashers)]
    for t in hasher_threads:
        t.start()
    with ThreadPoolExecutor(max_workers=chunkers, thread_name_prefix="chunk") as pool:
        for path, n in pool.map(functools.partial(chunk_file, out_q=chunk_q), paths):
            log.info("%s: %d chunks", os.path.basename(path), n)
    for _ in hasher_threads:
        chunk_q.put(None)
    for t in hasher_threads:
        t.join()
    return manifest


def main():
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src")
        os.makedirs(src)
        paths = make_corpus(src)
        store = ChunkStore(os.path.join(tmp, "store"))
        manifest = backup(paths, store)

        total = sum(os.path.getsize(p) for p in paths)
        intact = all(restore(store, manifest, p) == open(p, "rb").read() for p in paths)
        print("files = %d, bytes = %d, chunks referenced = %d" % (len(paths), total, len(manifest)))
        print("unique chunks = %d, stored = %d bytes, deduplicated = %d bytes"
              % (len(store.index), store.stored_bytes, store.dup_bytes))
        unique_bytes = sum(os.path.getsize(path) for path in store.index.values())
        print("stored bytes = %d (expected %d)" % (store.stored_bytes, unique_bytes))
        print("stored + deduplicated = %d (expected %d)" % (store.stored_bytes + store.dup_bytes, total))
        print("restore intact:", intact)


if __name__ == "__main__":
    main()
