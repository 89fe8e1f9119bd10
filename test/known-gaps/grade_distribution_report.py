#!/usr/bin/env python3
"""End-of-term grade report: per-class summary statistics, letter tallies, and bz2-archived rosters."""
import bz2
import os
import random
import statistics
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

CUTS = ((90, "A"), (80, "B"), (70, "C"), (60, "D"))
archive_lock = threading.Lock()
archived = {"files": 0, "bytes": 0}


def letter(score):
    return next((g for cut, g in CUTS if score >= cut), "F")


def make_class(seed, size=3000):
    rng = random.Random(seed)
    return [(f"s{seed:02d}{i:05d}", min(100.0, max(0.0, rng.gauss(74, 11)))) for i in range(size)]


def roster_text(cls, students):
    lines = [f"{sid},{score:.1f},{letter(score)}" for sid, score in students]  # ok: GIL001
    return f"# class {cls}\n" + "\n".join(lines) + "\n"


def tally_letters(scores):
    tally = dict.fromkeys("ABCDF", 0)
    for s in scores:  # expect: GIL001
        tally["F" if s < 60 else "D" if s < 70 else "C" if s < 80 else "B" if s < 90 else "A"] += 1  # ok: GIL002
    return tally


def archive(outdir, cls, text):
    blob = bz2.compress(text.encode(), 9)
    path = os.path.join(outdir, f"{cls}.csv.bz2")
    with open(path, "wb") as fh:
        fh.write(blob)
    with archive_lock:
        archived["files"] += 1  # ok: GIL002
        archived["bytes"] += len(blob)  # ok: GIL002
    return cls, len(blob)


def main():
    classes = {f"MATH{100 + k}": make_class(k) for k in range(6)}
    summaries = {}
    for cls, students in classes.items():  # ok: GIL001
        scores = [s for _, s in students]
        summaries[cls] = (statistics.fmean(scores), statistics.median(scores), statistics.stdev(scores))
    rosters = {cls: roster_text(cls, students) for cls, students in classes.items()}
    with tempfile.TemporaryDirectory() as outdir, ThreadPoolExecutor(max_workers=3) as pool:
        jobs = [pool.submit(archive, outdir, cls, text) for cls, text in rosters.items()]
        tallies = dict(zip(classes, pool.map(tally_letters, ([s for _, s in st] for st in classes.values()))))
        sizes = dict(job.result() for job in jobs)
    for cls, (mean, median, sd) in summaries.items():
        t = tallies[cls]
        print(f"{cls}: mean {mean:5.1f} median {median:5.1f} sd {sd:4.1f} | "
              + " ".join(f"{g}={t[g]}" for g in "ABCDF") + f" | archive {sizes[cls]} B")
    print("archived", archived["files"], "files,", archived["bytes"], "bytes")


if __name__ == "__main__":
    main()
