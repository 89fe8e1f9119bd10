"""Build a request-latency histogram in a multiprocessing.Array from 3 processes.

Each process replays 30,000 synthetic request timings and counts them into its
own row of a shared Array (3 rows x 10 buckets): no other process touches those
elements, so `+= 1` there is safe. The shared `summary` Array, however, is
bumped by every process without taking `summary.get_lock()`, so slow-request
counts are lost. The replay loop runs in child processes (no GIL contention).
"""
import multiprocessing

PROCESSES = 3
REQUESTS = 30_000
BUCKETS = 10
BUCKET_MS = 25
SLOW_MS = 200
SLOW, TOTAL = 0, 1


def latency_ms(worker, n):
    return (n * 7919 + worker * 104729) % 260


def replay(worker, histogram, summary):
    row = worker * BUCKETS
    for n in range(REQUESTS):  # ok: GIL001
        ms = latency_ms(worker, n)
        bucket = min(ms // BUCKET_MS, BUCKETS - 1)
        histogram[row + bucket] += 1  # ok: GIL002
        if ms >= SLOW_MS:
            summary[SLOW] += 1  # expect: GIL002
    with summary.get_lock():
        summary[TOTAL] += REQUESTS  # ok: GIL002


if __name__ == "__main__":
    histogram = multiprocessing.Array("i", PROCESSES * BUCKETS)
    summary = multiprocessing.Array("i", 2)
    procs = [multiprocessing.Process(target=replay, args=(w, histogram, summary))
             for w in range(PROCESSES)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    merged = [sum(histogram[w * BUCKETS + b] for w in range(PROCESSES)) for b in range(BUCKETS)]
    expected_slow = sum(1 for w in range(PROCESSES) for n in range(REQUESTS)
                        if latency_ms(w, n) >= SLOW_MS)
    print(f"histogram per {BUCKET_MS} ms: {merged}")
    print(f"requests: {summary[TOTAL]}, slow: {summary[SLOW]} (expected {expected_slow})")
