"""Background compaction for a log-structured key-value store.

Level-0 SSTables overlap; compaction merges the runs of each key range into
one sorted, de-duplicated run (newest sequence number wins, tombstones are
dropped at the bottom level) and installs it in the manifest. Meanwhile a
flush thread writes the frozen memtables to disk.
"""
import heapq
import logging
import os
import random
import tempfile
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("lsm.compaction")

TOMBSTONE = None
COMPACTION = {"workers": 2, "ranges": 4, "runs_per_range": 4, "keys_per_run": 12000}


@dataclass
class SSTable:
    level: int
    entries: list = field(repr=False)  # sorted [(key, -seq, value)]

    @property
    def size(self):
        return sum(len(k) + (len(v) if v else 0) for k, _, v in self.entries)


@dataclass
class Manifest:
    version: int = 0
    levels: dict = field(default_factory=dict)


@dataclass
class CompactionStats:
    bytes_in: int = 0
    bytes_out: int = 0
    dropped: int = 0


class Store:
    def __init__(self):
        self.manifest = Manifest()
        self.manifest_lock = threading.Lock()
        self.stats = CompactionStats()

    def install(self, level, table, replaced):
        self.manifest_lock.acquire()  # ok: GIL005
        try:
            runs = self.manifest.levels.setdefault(level, [])
            runs.append(table)
            self.manifest.version += 1  # ok: GIL002
            log.debug("manifest v%d: +L%d run, -%d inputs", self.manifest.version, level, len(replaced))
        finally:
            self.manifest_lock.release()


def compact_range(store, runs, bottom_level):
    """Merge overlapping runs; runs on a compaction pool thread."""
    out = []
    last_key = None
    dropped = 0
    for key, neg_seq, value in heapq.merge(*(r.entries for r in runs)):  # expect: GIL001
        if key == last_key:
            dropped += 1  # ok: GIL002
            continue
        last_key = key
        if value is TOMBSTONE and bottom_level:
            dropped += 1
            continue
        out.append((key, neg_seq, value))
    table = SSTable(level=1, entries=out)
    store.stats.bytes_in += sum(r.size for r in runs)  # expect: GIL002
    store.stats.bytes_out += table.size  # expect: GIL002
    store.stats.dropped += dropped  # expect: GIL002
    store.install(1, table, runs)
    return len(out)


class Flusher(threading.Thread):
    """Writes frozen memtables (already serialised into blocks) to SST files."""

    def __init__(self, blocks, directory):
        super().__init__(name="flusher")
        self.blocks = blocks
        self.directory = directory
        self.written = 0

    def run(self):
        path = os.path.join(self.directory, "000042.sst")
        with open(path, "wb") as fh:
            for block in self.blocks:  # ok: GIL001
                payload = zlib.compress(block, 6)
                fh.write(len(payload).to_bytes(4, "big") + payload)
                self.written += len(payload)  # ok: GIL002
            fh.flush()
            os.fsync(fh.fileno())


def make_runs(n_ranges, runs_per_range, keys_per_run, seed=9):
    rng = random.Random(seed)
    seq = 0
    ranges = []
    for r in range(n_ranges):
        runs = []
        for _ in range(runs_per_range):
            keys = sorted(rng.sample(range(r * 50_000, (r + 1) * 50_000), keys_per_run))
            entries = []
            for k in keys:
                seq += 1
                value = TOMBSTONE if seq % 17 == 0 else b"v%d" % seq
                entries.append((b"user:%08d" % k, -seq, value))
            runs.append(SSTable(level=0, entries=entries))
        ranges.append(runs)
    return ranges


def make_blocks(n, seed=4):
    rng = random.Random(seed)
    base = bytes(rng.randrange(0, 24) for _ in range(16 * 1024))
    return [base[i * 512:] + base[:i * 512] for i in range(n)] * 4


def run_compaction(store, ranges, **config):
    cfg = {**COMPACTION, **config}
    with ThreadPoolExecutor(max_workers=cfg["workers"], thread_name_prefix="compact") as pool:
        futures = [pool.submit(compact_range, store, runs, bottom_level=True) for runs in ranges]
        return [f.result() for f in futures]


def main():
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    ranges = make_runs(COMPACTION["ranges"], COMPACTION["runs_per_range"], COMPACTION["keys_per_run"])
    store = Store()
    with tempfile.TemporaryDirectory() as tmp:
        flusher = Flusher(make_blocks(8), tmp)
        flusher.start()
        started = time.perf_counter()
        counts = run_compaction(store, ranges)
        elapsed = time.perf_counter() - started
        flusher.join()
    s = store.stats
    log.info("compacted %d ranges in %.2fs: %d keys kept, %d dropped, %d -> %d bytes; flushed %d bytes",
             len(counts), elapsed, sum(counts), s.dropped, s.bytes_in, s.bytes_out, flusher.written)
    print(f"manifest version {store.manifest.version}, L1 runs {len(store.manifest.levels.get(1, []))}")


if __name__ == "__main__":
    main()
