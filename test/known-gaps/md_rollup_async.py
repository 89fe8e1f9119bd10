"""Rollup loop of the metrics aggregation daemon (asyncio).

Agents push batches of latency samples onto an asyncio.Queue.  At the end of a window the
daemon computes exact percentiles on a small thread pool (reusing the legacy exporter's
code), mean/stddev/max in worker processes, and writes the report to disk off the loop.
"""
import asyncio
import json
import logging
import math
import os
import random
import tempfile
import time
from bisect import bisect_left
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from itertools import accumulate

log = logging.getLogger("metrics.rollup")


def exact_percentiles(values, qs=(50, 90, 99)):
    """Legacy exporter code: histogram at 0.1 ms resolution, then exact ranks."""
    counts = {}
    for v in values:  # expect: GIL001
        key = int(v * 10)
        counts[key] = counts.get(key, 0) + 1  # ok: GIL002
    keys = sorted(counts)
    cumulative = list(accumulate(map(counts.__getitem__, keys)))
    total = cumulative[-1]
    return {f"p{q}": keys[bisect_left(cumulative, math.ceil(total * q / 100))] / 10 for q in qs}


def compute_rollup(values):
    """Runs in a worker process: one pass for count, mean, stddev and max."""
    n, mean, m2, peak = 0, 0.0, 0.0, 0.0
    for v in values:  # ok: GIL001
        n += 1
        delta = v - mean
        mean += delta / n
        m2 += delta * (v - mean)
        if v > peak:
            peak = v
    return {"count": n, "mean": round(mean, 3), "stddev": round(math.sqrt(m2 / max(n - 1, 1)), 3),
            "max": round(peak, 3)}


def backoff_if_saturated(depth, limit, pause=0.003):
    """Crude backpressure copied from the old synchronous exporter."""
    if depth >= limit:
        time.sleep(pause)  # expect: GIL004
        return True
    return False


def write_report(path, report, settle=0.002):
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(report, fh, indent=1)
    time.sleep(settle)  # ok: GIL004
    return os.path.getsize(path)


async def agent(queue, series, batches, size, seed):
    rng = random.Random(seed)
    mean = {"api": 20.0, "db": 6.0}[series]
    for _ in range(batches):
        await queue.put((series, [rng.expovariate(1.0 / mean) for _ in range(size)]))  # ok: GIL001
        await asyncio.sleep(0)  # ok: GIL004


class RollupDaemon:
    def __init__(self, threads, procs, out_dir):
        self.threads = threads
        self.procs = procs
        self.out_dir = out_dir
        self.buffers = {}
        self.received = 0
        self.backoffs = 0

    async def collect(self, queue, expected):
        for _ in range(expected):
            series, batch = await queue.get()
            self.buffers.setdefault(series, []).extend(batch)
            self.received += len(batch)  # ok: GIL002
            if backoff_if_saturated(queue.qsize(), limit=1):
                self.backoffs += 1

    async def rollup(self):
        loop = asyncio.get_running_loop()
        names = sorted(self.buffers)
        pct = [loop.run_in_executor(self.threads, exact_percentiles, self.buffers[s]) for s in names]
        agg = [loop.run_in_executor(self.procs, compute_rollup, self.buffers[s]) for s in names]
        percentiles = await asyncio.gather(*pct)
        aggregates = await asyncio.gather(*agg)
        return {s: {**a, **p} for s, a, p in zip(names, aggregates, percentiles)}

    async def flush(self, report):
        path = os.path.join(self.out_dir, f"rollup-{int(time.time())}.json")
        size = await asyncio.to_thread(write_report, path, report)
        return path, size


async def run_window(daemon, series, batches=10, size=25_000):
    queue = asyncio.Queue()
    producers = [asyncio.create_task(agent(queue, s, batches, size, seed=i + 1))
                 for i, s in enumerate(series)]
    await daemon.collect(queue, expected=batches * len(series))
    await asyncio.gather(*producers)
    report = await daemon.rollup()
    path, size = await daemon.flush(report)
    return report, path, size


def main():
    logging.basicConfig(level=logging.WARNING)
    out_dir = tempfile.mkdtemp(prefix="rollup-")
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="pct") as threads, \
            ProcessPoolExecutor(max_workers=2) as procs:
        daemon = RollupDaemon(threads, procs, out_dir)
        report, path, size = asyncio.run(run_window(daemon, ["api", "db"]))
    for series, stats in sorted(report.items()):
        print(f"{series}: {stats}")
    print(f"received {daemon.received} samples ({daemon.backoffs} backoffs); "
          f"report {os.path.basename(path)} {size} bytes; {1e3 * (time.perf_counter() - started):.0f} ms")


if __name__ == "__main__":
    main()
