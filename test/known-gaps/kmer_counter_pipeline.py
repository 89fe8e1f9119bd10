"""Streaming canonical k-mer counter for FASTA files.

Pipeline: a reader thread parses the FASTA file into records and fans them out
to two queues; counting workers (StageWorker subclasses) count canonical
k-mers per record, and an archiver thread compresses each record for the
cold store.  Per-worker Counters are merged by the main thread at the end.
"""
from __future__ import annotations

import logging
import os
import queue
import random
import tempfile
import threading
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field

log = logging.getLogger("kmers.pipeline")

COMPLEMENT = str.maketrans("ACGT", "TGCA")
SENTINEL = None


@dataclass
class Record:
    header: str
    seq: str


@dataclass
class PipelineStats:
    records: int = 0
    bases: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


def read_fasta(path: str):
    """Generator of Records; sequence lines are joined per record."""
    header, parts = None, []
    with open(path, encoding="ascii") as fh:
        for line in fh:  # ok: GIL001
            line = line.rstrip()
            if line.startswith(">"):
                if header is not None:
                    yield Record(header, "".join(parts))
                header, parts = line[1:], []
            elif line:
                parts.append(line.upper())
    if header is not None:
        yield Record(header, "".join(parts))


class FastaReader(threading.Thread):
    def __init__(self, path: str, outputs: list, consumers: list):
        super().__init__(name="fasta-reader")
        self.path = path
        self.outputs = outputs
        self.consumers = consumers

    def run(self) -> None:
        for record in read_fasta(self.path):  # ok: GIL001
            for q in self.outputs:
                q.put(record)
        for q, n in zip(self.outputs, self.consumers):
            for _ in range(n):
                q.put(SENTINEL)


class StageWorker(threading.Thread):
    """Generic queue consumer; subclasses implement process()."""

    def __init__(self, inbox: queue.Queue, stats: PipelineStats, **kwargs):
        super().__init__(**kwargs)
        self.inbox = inbox
        self.stats = stats

    def process(self, record: Record) -> None:
        raise NotImplementedError

    def run(self) -> None:
        while True:  # expect: GIL001
            record = self.inbox.get()
            if record is SENTINEL:
                break
            self.process(record)
            with self.stats.lock:
                self.stats.records += 1  # ok: GIL002
                self.stats.bases += len(record.seq)  # ok: GIL002


class KmerWorker(StageWorker):
    def __init__(self, inbox: queue.Queue, stats: PipelineStats, k: int, **kwargs):
        super().__init__(inbox, stats, **kwargs)
        self.k = k
        self.counts: Counter = Counter()

    def process(self, record: Record) -> None:
        seq, k = record.seq, self.k
        for i in range(len(seq) - k + 1):
            kmer = seq[i:i + k]
            if "N" in kmer:
                continue
            rc = kmer.translate(COMPLEMENT)[::-1]
            self.counts[kmer if kmer <= rc else rc] += 1  # ok: GIL002


def archive_records(inbox: queue.Queue, sink: list, level: int = 6) -> None:
    """Archiver thread: zlib does the compression outside the GIL."""
    while True:  # ok: GIL001
        record = inbox.get()
        if record is SENTINEL:
            break
        sink.append((record.header, zlib.compress(record.seq.encode("ascii"), level)))


def write_fasta(path: str, records: int, length: int, width: int = 60, seed: int = 17) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="ascii") as fh:
        for r in range(records):
            seq = "".join(rng.choices("ACGT", k=length))
            fh.write(f">contig_{r} len={length}\n")
            fh.writelines(seq[i:i + width] + "\n" for i in range(0, length, width))


def count_file(path: str, k: int = 11, workers: int = 2) -> tuple:
    stats = PipelineStats()
    count_q: queue.Queue = queue.Queue(maxsize=4)
    archive_q: queue.Queue = queue.Queue(maxsize=4)
    archived: list = []
    counters = [KmerWorker(count_q, stats, k, name=f"kmer-{i}") for i in range(workers)]
    archiver = threading.Thread(target=archive_records, args=(archive_q, archived), name="archiver")
    reader = FastaReader(path, [count_q, archive_q], [workers, 1])
    stages = [reader, archiver, *counters]
    for t in stages:
        t.start()
    for t in stages:
        t.join()
    totals: Counter = Counter()
    for w in counters:
        for kmer, n in w.counts.items():
            totals[kmer] += n  # ok: GIL002
    return totals, stats, archived


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    fd, path = tempfile.mkstemp(suffix=".fa")
    os.close(fd)
    try:
        write_fasta(path, records=8, length=24_000)
        started = time.perf_counter()
        totals, stats, archived = count_file(path)
        elapsed = time.perf_counter() - started
    finally:
        os.unlink(path)
    expected = 8 * (24_000 - 11 + 1)
    print(f"records = {stats.records}, bases = {stats.bases}, elapsed {elapsed:.2f}s")
    print(f"canonical k-mers total = {sum(totals.values())} (expected {expected}), distinct = {len(totals)}")
    print(f"archived {len(archived)} records, {sum(len(b) for _, b in archived)} bytes")
