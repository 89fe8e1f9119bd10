"""Count 6-mers in a synthetic genome: chromosomes are joined from generated bases, windows go to a thread pool."""
import functools
from concurrent.futures import ThreadPoolExecutor

BASES = "ACGT"
CHROMOSOMES = 4
CHROMOSOME_LEN = 150_000
WINDOW = 100_000
K = 6


def synthesize():
    genome = {}
    for c in range(CHROMOSOMES):  # ok: GIL001
        state = 17 + c
        bases = []
        for _ in range(CHROMOSOME_LEN):
            state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
            bases.append(BASES[(state >> 16) % 4])
        genome[f"chr{c + 1}"] = "".join(bases)
    return genome


def count_kmers(window, k):
    counts = {}
    for i in range(len(window) - k + 1):  # expect: GIL001
        kmer = window[i:i + k]
        counts[kmer] = counts.get(kmer, 0) + 1  # ok: GIL002
    return counts


def split_windows(genome):
    windows = []
    for name, seq in genome.items():
        for start in range(0, len(seq), WINDOW):
            windows.append(seq[start:start + WINDOW + K - 1])
    return windows


if __name__ == "__main__":
    windows = split_windows(synthesize())
    merged = {}
    pool = ThreadPoolExecutor(max_workers=3)
    try:
        for counts in pool.map(functools.partial(count_kmers, k=K), windows):
            for kmer, n in counts.items():
                merged[kmer] = merged.get(kmer, 0) + n  # ok: GIL002
    finally:
        pool.shutdown()
    top = sorted(merged.items(), key=lambda kv: -kv[1])[:3]
    print(f"{len(windows)} windows, {len(merged)} distinct {K}-mers, top {top}")
    print(f"kmers = {sum(merged.values())} (expected {CHROMOSOMES * (CHROMOSOME_LEN - K + 1)})")
