"""GC content in sliding windows over FASTA contigs, one pool task per assembly file."""
import os
import random
import tempfile
from concurrent.futures import ThreadPoolExecutor

ASSEMBLIES = 4
CONTIG_LEN = 300_000          # bases per file
LINE_WIDTH = 60
WINDOW = 1_000

best = {"gc": 0.0, "where": None}


def write_fasta(path, seed):
    rng = random.Random(seed)
    bias = 0.35 + 0.05 * seed
    seq = "".join(rng.choice("GC") if rng.random() < bias else rng.choice("AT")
                  for _ in range(CONTIG_LEN))
    with open(path, "w") as fh:
        fh.write(f">contig_{seed} length={CONTIG_LEN}\n")
        for i in range(0, CONTIG_LEN, LINE_WIDTH):
            fh.write(seq[i:i + LINE_WIDTH] + "\n")


def read_fasta(path):
    parts = []
    with open(path) as fh:
        header = fh.readline().strip()
        for line in fh:  # ok: GIL001
            parts.append(line.rstrip())
    return header, "".join(parts)


def gc_windows(seq):
    out = []
    gc = 0
    for i, base in enumerate(seq):  # expect: GIL001
        if base == "G" or base == "C":
            gc += 1
        if i >= WINDOW and seq[i - WINDOW] in "GC":
            gc -= 1
        if i >= WINDOW - 1 and (i + 1) % WINDOW == 0:
            out.append(gc / WINDOW)
    return out


def analyze(path, out_dir):
    header, seq = read_fasta(path)
    windows = gc_windows(seq)
    top = max(windows)
    if top > best["gc"]:  # expect: GIL003
        best["gc"] = top
        best["where"] = (header, windows.index(top) * WINDOW)
    with open(os.path.join(out_dir, os.path.basename(path) + ".gc.tsv"), "w") as out:
        out.writelines(f"{k * WINDOW}\t{v:.3f}\n" for k, v in enumerate(windows))  # ok: GIL001
    return header, sum(windows) / len(windows)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="fasta-") as workdir:
        files = []
        for s in range(ASSEMBLIES):
            p = os.path.join(workdir, f"asm{s}.fa")
            write_fasta(p, s)
            files.append(p)
        with ThreadPoolExecutor(max_workers=ASSEMBLIES) as pool:
            futures = {pool.submit(analyze, p, workdir): p for p in files}
            for fut, p in futures.items():
                header, mean_gc = fut.result()
                print(f"{header}: mean GC {mean_gc:.3f}")
        print(f"highest window: {best['gc']:.3f} at {best['where']}")
