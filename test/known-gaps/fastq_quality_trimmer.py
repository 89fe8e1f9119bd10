#!/usr/bin/env python3
"""Quality-trim synthetic FASTQ reads with a thread pool and print a QC summary."""
import random
import re
import threading
from concurrent.futures import ThreadPoolExecutor

PHRED_OFFSET = 33
MIN_MEAN_QUAL = 19
MIN_LENGTH = 40
# Phred < 20 corresponds to quality characters '!' (33) through '4' (52).
LOW_QUALITY_TAIL = re.compile(r"[!-4]+$")

trimmed_bases = 0
stats_lock = threading.Lock()
stats = {"kept": 0, "short": 0, "low_quality": 0}


def synth_reads(count, length, seed=11):
    rng = random.Random(seed)
    reads = []
    for i in range(count):  # ok: GIL001
        seq = "".join(rng.choices("ACGT", k=length))
        qual = bytes(rng.choices(range(35, 74), k=length)).decode("ascii")
        reads.append((f"@run7:{i}", seq, qual))
    return reads


def mean_quality(qual):
    total = 0
    for ch in qual:  # expect: GIL001
        total += ord(ch) - PHRED_OFFSET  # ok: GIL002
    return total / max(len(qual), 1)


def trim_read(record):
    global trimmed_bases
    name, seq, qual = record
    tail = LOW_QUALITY_TAIL.search(qual)
    cut = tail.start() if tail else len(qual)
    seq, qual = seq[:cut], qual[:cut]
    trimmed_bases += len(record[1]) - cut  # expect: GIL002
    if len(seq) < MIN_LENGTH:
        verdict = "short"
    elif mean_quality(qual) < MIN_MEAN_QUAL:
        verdict = "low_quality"
    else:
        verdict = "kept"
    with stats_lock:
        stats[verdict] += 1  # ok: GIL002
    return name, seq, qual, verdict


def heartbeat():
    with stats_lock:
        done = sum(stats.values())
    print(f"[qc] {done} reads classified so far")


def main():
    reads = synth_reads(3000, 150)
    timer = threading.Timer(0.05, heartbeat)
    timer.start()
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="trim") as pool:
        results = list(pool.map(trim_read, reads))
    timer.cancel()
    length_hist = {}
    for name, seq, qual, verdict in results:  # ok: GIL001
        if verdict == "kept":
            bucket = len(seq) // 25 * 25
            length_hist[bucket] = length_hist.get(bucket, 0) + 1  # ok: GIL002
    print(f"trimmed {trimmed_bases} bases from {len(reads)} reads")
    print("verdicts:", stats)
    for bucket in sorted(length_hist):
        print(f"  {bucket:>3}-{bucket + 24:<3} bp: {length_hist[bucket]}")


if __name__ == "__main__":
    main()
