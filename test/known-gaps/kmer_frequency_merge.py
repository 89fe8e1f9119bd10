#!/usr/bin/env python3
"""Count k-mers of synthetic reads with multiprocessing.Pool; merge partials in threads."""
import multiprocessing as mp
import queue
import random
import threading
from collections import Counter

K = 4
totals = {}
reads_merged = 0
merge_lock = threading.Lock()


def synth_reads(seed, n, length):
    rng = random.Random(seed)
    return ["".join(rng.choice("ACGT") for _ in range(length)) for _ in range(n)]


def count_kmers(reads):
    counts = Counter()
    for read in reads:  # ok: GIL001
        for i in range(len(read) - K + 1):  # ok: GIL001
            counts[read[i:i + K]] += 1  # ok: GIL002
    return len(reads), dict(counts)


def merger(inbox, done):
    global reads_merged
    while True:
        item = inbox.get()
        if item is None:
            break
        n_reads, partial = item
        for kmer, n in partial.items():  # expect: GIL001
            totals[kmer] = totals.get(kmer, 0) + n  # expect: GIL002
        with merge_lock:
            reads_merged += n_reads  # ok: GIL002
        done.set()


def main():
    chunks = [synth_reads(seed, 60, 120) for seed in range(8)]
    inbox = queue.Queue()
    progress = threading.Event()
    workers = [threading.Thread(target=merger, args=(inbox, progress), name=f"merge-{i}")
               for i in range(2)]
    for w in workers:
        w.start()
    with mp.Pool(processes=2) as pool:
        for result in pool.imap_unordered(count_kmers, chunks):
            inbox.put(result)
    for _ in workers:
        inbox.put(None)
    for w in workers:
        w.join()

    expected = sum(len(c) * (120 - K + 1) for c in chunks)
    seen = sum(totals.values())
    top = sorted(totals.items(), key=lambda kv: -kv[1])[:5]
    print(f"distinct {K}-mers: {len(totals)} (max {4 ** K})")
    print(f"reads merged: {reads_merged}, k-mers counted: {seen} / expected {expected}")
    for kmer, n in top:
        print(f"  {kmer}: {n}")


if __name__ == "__main__":
    main()
