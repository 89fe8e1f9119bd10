"""Compares two prediction files of scripts/predict-corpus.ts against the times scripts/time-programs.py measured:
for the programs whose prediction moved and that were measured (1 ms or more), the median |log(predicted /
measured)|, how many are within 35%, over 2x and under 2x, before and after, and how many came closer. Lists the
moved programs with no time yet (to time next) with --unmeasured FILE.

Usage: python3 scripts/compare-predictions.py BEFORE.json AFTER.json TIMES [--unmeasured FILE]
"""
import json
import math
import statistics
import sys


def main():
    before_path, after_path, times_path = sys.argv[1:4]
    before, after = json.load(open(before_path)), json.load(open(after_path))
    measured = {}
    for line in open(times_path):
        path, wall = line.split()
        if wall != "NA" and float(wall) >= 1:
            measured[path] = float(wall)
    moved = [p for p in after if before.get(p) != after.get(p)]
    rows = [(p, before[p], after[p], measured[p]) for p in moved if p in measured and before.get(p) and after.get(p)]
    print("%d of %d predictions moved, %d of them measured" % (len(moved), len(after), len(rows)))

    def summary(column):
        errors = [abs(math.log(row[column] / row[3])) for row in rows]
        return "median |log| %.2f, within 35%% %d, over 2x %d, under 2x %d" % (
            statistics.median(errors) if errors else 0, sum(e < math.log(1.35) for e in errors),
            sum(row[column] / row[3] > 2 for row in rows), sum(row[column] / row[3] < 0.5 for row in rows))

    print("before:", summary(1))
    print("after: ", summary(2))
    closer = sum(abs(math.log(r[2] / r[3])) < abs(math.log(r[1] / r[3])) for r in rows)
    print("closer %d, further %d" % (closer, len(rows) - closer))
    for path, was, now, wall in sorted(rows, key=lambda r: abs(math.log(r[2] / r[3])) - abs(math.log(r[1] / r[3])))[-10:]:
        print("  %-60s %10.1f -> %10.1f ms, measured %10.1f" % (path, was, now, wall))
    if "--unmeasured" in sys.argv:
        with open(sys.argv[sys.argv.index("--unmeasured") + 1], "w") as fh:
            fh.write("".join(p + "\n" for p in moved if p not in measured))


if __name__ == "__main__":
    main()
