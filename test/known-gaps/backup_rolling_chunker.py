"""Content-defined chunking for the incremental backup agent.

Cut points are chosen with a Gear rolling hash so that an insertion early in a file
only changes the chunks around it.  Files are chunked on a thread pool and the chunk
digests are recorded in the shared chunk index, inside an index session that also
journals each batch.
"""
import hashlib
import io
import logging
import os
import random
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Dict, List, Tuple

log = logging.getLogger("backup.cdc")

_rng = random.Random(0x6EA7)
GEAR = [_rng.getrandbits(64) for _ in range(256)]
MASK64 = (1 << 64) - 1


@dataclass(frozen=True)
class ChunkParams:
    min_size: int = 2 * 1024
    avg_bits: int = 13          # average chunk ~ 8 KiB
    max_size: int = 64 * 1024

    @property
    def mask(self) -> int:
        return ((1 << self.avg_bits) - 1) << (64 - self.avg_bits)


class Journal:
    """Append-only journal of index batches (a real file, so writes can fail)."""

    def __init__(self, stream: io.TextIOBase):
        self._stream = stream

    def begin(self, source: str) -> None:
        self._stream.write(f"BEGIN {source}\n")

    def commit(self, source: str, count: int) -> None:
        self._stream.write(f"COMMIT {source} {count}\n")


class ChunkIndex:
    def __init__(self, journal: Journal):
        self.lock = threading.Lock()
        self.journal = journal
        self.chunks: Dict[str, int] = {}
        self.unique_bytes = 0


class IndexSession:
    """`with IndexSession(index, source) as idx:` holds the index lock for one batch."""

    def __init__(self, index: ChunkIndex, source: str):
        self._index = index
        self._source = source
        self.added = 0

    def __enter__(self) -> "IndexSession":
        self._index.lock.acquire()  # expect: GIL005
        self._index.journal.begin(self._source)
        return self

    def add(self, digest: str, size: int) -> None:
        idx = self._index
        if digest not in idx.chunks:  # ok: GIL003
            idx.chunks[digest] = size
            idx.unique_bytes += size  # ok: GIL002
            self.added += 1

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self._index.journal.commit(self._source, self.added)
        finally:
            self._index.lock.release()
        return False


class Chunker:
    def __init__(self, index: ChunkIndex, params: ChunkParams = ChunkParams()):
        self.index = index
        self.params = params
        self.files_done = 0

    def find_cuts(self, data: bytes) -> List[Tuple[int, int]]:
        p, mask = self.params, self.params.mask
        cuts, start, h = [], 0, 0
        for i, byte in enumerate(data):  # expect: GIL001
            h = ((h << 1) + GEAR[byte]) & MASK64
            size = i + 1 - start
            if (size >= p.min_size and not h & mask) or size >= p.max_size:
                cuts.append((start, i + 1))
                start, h = i + 1, 0
        if start < len(data):
            cuts.append((start, len(data)))
        return cuts

    def chunk_file(self, path: str) -> int:
        with open(path, "rb") as fh:
            data = fh.read()
        cuts = self.find_cuts(data)
        digests = [(hashlib.sha256(data[a:b]).hexdigest(), b - a) for a, b in cuts]
        with IndexSession(self.index, os.path.basename(path)) as session:
            for digest, size in digests:
                session.add(digest, size)
        self.files_done += 1  # expect: GIL002
        return len(cuts)


def write_versions(directory: str, base_size: int, versions: int) -> List[str]:
    """Successive versions of a document: each inserts a few bytes somewhere."""
    rng = random.Random(17)
    data = bytearray(rng.randbytes(base_size))
    paths = []
    for v in range(versions):
        at = rng.randrange(len(data))
        data[at:at] = f"<edit {v}>".encode()
        path = os.path.join(directory, f"report.v{v}.docx")
        with open(path, "wb") as fh:
            fh.write(data)
        paths.append(path)
    return paths


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    with tempfile.TemporaryDirectory(prefix="cdc-") as tmp, \
            open(os.path.join(tmp, "index.journal"), "w", encoding="utf-8") as journal_file:
        paths = write_versions(tmp, base_size=240_000, versions=4)
        index = ChunkIndex(Journal(journal_file))
        chunker = Chunker(index)
        pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="chunker")
        started = time.perf_counter()
        futures = {pool.submit(chunker.chunk_file, p): p for p in paths}
        total_chunks = sum(f.result() for f in as_completed(futures))
        pool.shutdown()
        logical = sum(os.path.getsize(p) for p in paths)
        print(f"{chunker.files_done} files, {total_chunks} chunks, {len(index.chunks)} unique; "
              f"dedup ratio {logical / index.unique_bytes:.2f} in {time.perf_counter() - started:.3f}s")
