"""Count k-mers and GC content across chunks of a synthetic bacterial genome."""
import random
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

GENOME_LENGTH = 1_000_000
CHUNK_SIZE = 250_000
K = 6
TOP_N = 5

kmer_counts = Counter()


def synth_genome(length, seed=3):
    rng = random.Random(seed)
    bases = rng.choices("ACGT", weights=[0.29, 0.21, 0.21, 0.29], k=length)
    motif = list("GATTACA")
    for pos in range(0, length - len(motif), 5_000):
        bases[pos:pos + len(motif)] = motif
    return "".join(bases)


def gc_fraction(seq):
    gc = sum(1 for base in seq if base in "GC")  # expect: GIL001
    return gc / len(seq)


def count_chunk(genome, start):
    # Overlap by K-1 so k-mers spanning a chunk boundary are counted exactly once.
    end = min(start + CHUNK_SIZE + K - 1, len(genome))
    seq = genome[start:end]
    for i in range(len(seq) - K + 1):  # expect: GIL001
        kmer_counts[seq[i:i + K]] += 1  # expect: GIL002
    return start, gc_fraction(genome[start:start + CHUNK_SIZE])


def main():
    genome = synth_genome(GENOME_LENGTH)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(count_chunk, genome, s) for s in range(0, GENOME_LENGTH, CHUNK_SIZE)]
        chunk_gc = sorted(f.result() for f in futures)
    elapsed = time.perf_counter() - started

    expected = GENOME_LENGTH - K + 1
    print(f"counted {sum(kmer_counts.values()):,} of {expected:,} {K}-mers in {elapsed:.2f}s")
    print(f"distinct {K}-mers: {len(kmer_counts):,} (max possible {4 ** K:,})")
    for start, gc in chunk_gc:
        print(f"  chunk @{start:>9,}: GC {gc:.3%}")
    for kmer, n in kmer_counts.most_common(TOP_N):
        print(f"  {kmer}: {n}")


if __name__ == "__main__":
    main()
