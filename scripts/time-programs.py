"""Times labelled programs as examples/measure.py does: each under runpy, its clock started after the modules the
harness loads first (so `import asyncio` counts, `import threading` does not), the median of three runs in fresh
interpreters. Appends `path wall_ms` lines (`path NA` for a program that fails or runs past the timeout) to OUT.

Usage: python3.11 scripts/time-programs.py OUT PATH...   (paths as scripts/predict-corpus.ts writes them)
"""
import os
import statistics
import subprocess
import sys
import tempfile

RUNS = 3
TIMEOUT_S = 120

# One run: what measure.py loads before it starts its clock, then the program, its output swallowed.
CHILD = r"""
import argparse, atexit, contextlib, io, json, os, platform, re, resource, runpy, statistics, subprocess, sys
import tempfile, threading, time, traceback
import concurrent.futures, concurrent.futures.process, concurrent.futures.thread
import multiprocessing, multiprocessing.pool, multiprocessing.process
path = os.path.abspath(sys.argv[1])
sys.argv = [path]
sys.path[0] = os.path.dirname(path)
start = time.perf_counter()
try:
    with contextlib.redirect_stdout(io.StringIO()):
        runpy.run_path(path, run_name="__main__")
except SystemExit:
    pass
sys.__stdout__.write("WALL %.6f\n" % (time.perf_counter() - start))
"""


def time_once(path):
    with tempfile.TemporaryDirectory() as cwd:
        try:
            run = subprocess.run([sys.executable, "-c", CHILD, os.path.abspath(path)], cwd=cwd, stdin=subprocess.DEVNULL,
                                 capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return None
    walls = [line.split()[1] for line in run.stdout.splitlines() if line.startswith("WALL ")]
    return float(walls[-1]) * 1000 if walls else None


def main():
    out, paths = sys.argv[1], sys.argv[2:]
    for path in paths:
        walls = []
        for _ in range(RUNS):
            wall = time_once(path)
            if wall is None:
                break
            walls.append(wall)
        with open(out, "a") as fh:
            fh.write("%s %s\n" % (path, round(statistics.median(walls), 3) if len(walls) == RUNS else "NA"))


if __name__ == "__main__":
    main()
