#!/usr/bin/env python3
"""What the Measure tracer costs a program: each file's wall time run plainly and under src/measure/tracer.py.

Usage: python3 scripts/tracer-overhead.py [--runs N] FILE...

Both ways time the same span, from just before ``runpy.run_path`` to the interpreter's exit handlers (after the
non-daemon threads were joined). Runs alternate, plain then traced; the medians are printed with their ratio.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TRACER = os.path.join(HERE, "..", "src", "measure", "tracer.py")

# The plain run: the tracer's span without the tracer.
PLAIN = """
import atexit, json, runpy, sys, time, os
out, script = sys.argv[1], sys.argv[2]
sys.argv = [script]
sys.path.insert(0, os.path.dirname(script))
t0 = time.perf_counter()
atexit.register(lambda: open(out, "w").write(json.dumps({"wallMs": (time.perf_counter() - t0) * 1000})))
runpy.run_path(script, run_name="__main__")
"""


def wall_ms(command, report):
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300, check=False)
    with open(report) as source:
        return json.load(source)["wallMs"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    report = os.path.join(tempfile.mkdtemp(prefix="gil-lens-overhead-"), "report.json")
    ratios = []
    print("%-40s %10s %10s %7s" % ("file", "plain ms", "traced ms", "ratio"))
    for path in args.files:
        script = os.path.abspath(path)
        plain, traced = [], []
        for _ in range(args.runs):
            plain.append(wall_ms([sys.executable, "-c", PLAIN, report, script], report))
            traced.append(wall_ms([sys.executable, TRACER, report, script], report))
        ratio = statistics.median(traced) / statistics.median(plain)
        ratios.append(ratio)
        print("%-40s %10.1f %10.1f %7.3f" % (os.path.basename(path)[:40], statistics.median(plain), statistics.median(traced), ratio))
    print("median ratio %.3f over %d files (%d runs each way)" % (statistics.median(ratios), len(ratios), args.runs))


if __name__ == "__main__":
    main()
