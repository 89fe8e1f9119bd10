"""Count 6-mers in a synthetic 1.2 Mb DNA sequence: sequential, threads (lambda targets, and a shared-dict
shortcut), and a process pool."""
import threading
import time
from multiprocessing import Pool

SEQ_LEN = 1_200_000
K = 6
PARTS = 4

shared = {}


def synth_sequence(n, seed=2024):
    bases = []
    state = seed
    for _ in range(n):  # ok: GIL001
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        bases.append("ACGT"[state >> 62])
    return "".join(bases)


def count_kmers(seq):
    counts = {}
    for i in range(len(seq) - K + 1):  # expect: GIL001
        kmer = seq[i:i + K]
        counts[kmer] = counts.get(kmer, 0) + 1  # ok: GIL002
    return counts


def count_into_shared(seq):
    for i in range(len(seq) - K + 1):  # expect: GIL001
        kmer = seq[i:i + K]
        shared[kmer] = shared.get(kmer, 0) + 1  # expect: GIL002


def segments(seq, parts):
    step = len(seq) // parts
    return [seq[i * step:(i + 1) * step + K - 1] for i in range(parts)]


def merge(parts):
    total = {}
    for part in parts:
        for kmer, n in part.items():
            total[kmer] = total.get(kmer, 0) + n  # ok: GIL002
    return total


def start_and_join(threads):
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    genome = synth_sequence(SEQ_LEN)
    segs = segments(genome, PARTS)

    start = time.perf_counter()
    reference = count_kmers(genome)
    t_seq = time.perf_counter() - start

    start = time.perf_counter()
    partials = []
    start_and_join([threading.Thread(target=lambda s=seg: partials.append(count_kmers(s))) for seg in segs])
    from_threads = merge(partials)
    t_thr = time.perf_counter() - start

    start = time.perf_counter()
    start_and_join([threading.Thread(target=count_into_shared, args=(seg,)) for seg in segs])
    t_shared = time.perf_counter() - start

    start = time.perf_counter()
    with Pool(PARTS) as pool:
        from_procs = merge(pool.map(count_kmers, segs))
    t_proc = time.perf_counter() - start

    top = sorted(reference.items(), key=lambda kv: -kv[1])[:3]
    print(f"{len(reference)} distinct {K}-mers, top {top}")
    print(f"threads agree: {from_threads == reference}, shared dict agrees: {shared == reference}, "
          f"processes agree: {from_procs == reference}")
    print(f"sequential {t_seq:.3f}s  threads {t_thr:.3f}s  shared-dict threads {t_shared:.3f}s  "
          f"processes {t_proc:.3f}s")
