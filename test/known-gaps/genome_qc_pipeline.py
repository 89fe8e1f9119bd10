#!/usr/bin/env python3
"""Quality-control a small batch of sequencing reads with a thread pool."""
import random
import threading
from concurrent.futures import ThreadPoolExecutor

MIN_Q = 20
worker_tallies = []           # one per worker thread, registered on first use
tally_registry_lock = threading.Lock()
tls = threading.local()


def my_tally():
    if not hasattr(tls, "tally"):  # ok: GIL003
        tls.tally = {"reads": 0, "trimmed": 0}
        with tally_registry_lock:
            worker_tallies.append(tls.tally)
    return tls.tally


def mean_phred(qual):
    total = 0
    for ch in qual:  # expect: GIL001
        total += ord(ch) - 33
    return total / len(qual)


def trim_tail(seq, qual):
    scores = [ord(ch) - 33 for ch in qual]  # expect: GIL001
    end = len(scores)
    while end > 0 and scores[end - 1] < MIN_Q:  # expect: GIL001
        end -= 1
    return seq[:end], qual[:end]


def qc_read(record):
    name, seq, qual = record
    tally = my_tally()
    tally["reads"] += 1  # ok: GIL002
    seq2, qual2 = trim_tail(seq, qual)
    if len(seq2) < len(seq):
        tally["trimmed"] += 1  # ok: GIL002
    gc = (seq2.count("G") + seq2.count("C")) / max(len(seq2), 1)
    mq = mean_phred(qual2) if qual2 else 0.0
    return name, len(seq2), gc, mq, mq >= MIN_Q and len(seq2) >= 50


def simulate_reads(n, length=150, seed=3):
    rng = random.Random(seed)
    reads = []
    for i in range(n):  # ok: GIL001
        seq = "".join(rng.choices("ACGT", k=length))
        cut = rng.randint(35, length)
        qual = "".join(chr(33 + rng.randint(25, 40)) for _ in range(cut))  # ok: GIL001
        qual += "".join(chr(33 + rng.randint(2, 15)) for _ in range(length - cut))  # ok: GIL001
        reads.append((f"read_{i:05d}", seq, qual))
    return reads


def main():
    reads = simulate_reads(3000)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(qc_read, reads, chunksize=50))
    passed = [r for r in results if r[4]]
    mean_len = sum(r[1] for r in results) / len(results)
    mean_gc = sum(r[2] for r in results) / len(results)
    print(f"reads: {len(results)}  passed QC: {len(passed)}")
    print(f"mean trimmed length: {mean_len:.1f}  mean GC: {mean_gc:.3f}")
    print(f"worker threads: {len(worker_tallies)}  "
          f"reads seen: {sum(t['reads'] for t in worker_tallies)}  "
          f"trimmed: {sum(t['trimmed'] for t in worker_tallies)}")


if __name__ == "__main__":
    main()
