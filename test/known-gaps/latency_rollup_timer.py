# Models a metrics agent that buffers request latencies and rolls them up into percentiles on timers.
"""Buffer request latencies and periodically roll them up into a histogram and percentiles."""
import random
import threading
import time

latencies = []
buffer_lock = threading.Lock()
summaries = []
flush_count = 0
health = {}


def percentile_rollup(samples):
    histogram = [0] * 64
    total = 0.0
    for ms in samples:  # expect: GIL001
        histogram[min(int(ms), 63)] += 1  # ok: GIL002
        total += ms
    ordered = sorted(samples)
    pick = lambda q: ordered[min(int(q * len(ordered)), len(ordered) - 1)] if ordered else 0.0
    return {"n": len(samples), "mean": total / max(len(samples), 1),
            "p50": pick(0.50), "p99": pick(0.99), "histogram": histogram}


def flush():
    global flush_count
    with buffer_lock:
        batch = latencies[:]
        latencies.clear()
    summaries.append(percentile_rollup(batch))
    flush_count += 1  # expect: GIL002


def watchdog():
    for probe in ("cpu", "memory", "disk"):  # ok: GIL001
        health[probe] = "ok"


def record_traffic(rng, batch_size):
    for _ in range(batch_size):  # ok: GIL001
        sample = rng.expovariate(1 / 12.0)
        with buffer_lock:
            latencies.append(sample)


def main():
    rng = random.Random(7)
    timers = [threading.Timer(0.05, flush), threading.Timer(0.15, flush),
              threading.Timer(0.01, watchdog)]
    for t in timers:
        t.start()
    for _ in range(6):
        record_traffic(rng, 40_000)
        time.sleep(0.02)
    for t in timers:
        t.join()
    flush()

    for i, s in enumerate(summaries):
        print(f"rollup {i}: n={s['n']:>6} mean={s['mean']:.1f}ms p50={s['p50']:.1f}ms p99={s['p99']:.1f}ms")
    print(f"{flush_count} flushes, health {health}")


if __name__ == "__main__":
    main()
