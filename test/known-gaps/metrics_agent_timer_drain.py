# Models a metrics agent: request threads buffer latencies thread-locally, a timer flushes them, and summaries run off-thread.
import random
import threading
import time
from concurrent.futures import ProcessPoolExecutor

SAMPLE_COUNT = 200_000
BINS = 50

_local = threading.local()
pending = []
pending_lock = threading.Lock()
shipped = []
requests_served = 0


def handle_requests(worker_id, count):
    """Serve `count` simulated requests, buffering latencies per thread."""
    global requests_served
    _local.buffer = []
    _local.count = 0
    for i in range(count):  # ok: GIL001
        start = time.perf_counter()
        time.sleep(0.002)
        _local.count += 1  # ok: GIL002
        _local.buffer.append((worker_id, time.perf_counter() - start))
        requests_served += 1  # expect: GIL002
    with pending_lock:
        pending.extend(_local.buffer)


def flush_pending():
    """Timer callback shipping whatever has been buffered so far."""
    while pending:  # expect: GIL003
        shipped.append(pending.pop())


def drain_remaining():
    with pending_lock:
        while pending:  # ok: GIL003
            shipped.append(pending.pop())


def ewma(samples, alpha, out):
    """Exponentially weighted moving average of the archived latencies."""
    avg = samples[0]
    for s in samples:  # expect: GIL001
        avg = alpha * s + (1 - alpha) * avg
    out["ewma"] = avg


def histogram(samples, bins, hi):
    """Bucket the samples; runs in a child process."""
    counts = [0] * bins
    for s in samples:  # ok: GIL001
        counts[min(int(s / hi * bins), bins - 1)] += 1  # ok: GIL002
    return counts


def percentiles(samples, points, out):
    ordered = sorted(samples)
    for p in points:  # ok: GIL001
        out[f"p{p}"] = ordered[min(len(ordered) - 1, len(ordered) * p // 100)]


def main():
    rng = random.Random(11)
    archive = [rng.expovariate(50.0) for _ in range(SAMPLE_COUNT)]  # ok: GIL001
    summary = {}
    handlers = [threading.Thread(target=handle_requests, args=(w, 30)) for w in range(4)]
    for h in handlers:
        h.start()
    flusher = threading.Timer(0.03, flush_pending)
    flusher.start()
    stats_threads = [
        threading.Timer(0.0, ewma, args=(archive, 0.01, summary)),
        threading.Thread(target=lambda: percentiles(archive, (50, 90, 99), summary)),
    ]
    for t in stats_threads:
        t.start()
    with ProcessPoolExecutor(max_workers=1) as procs:
        hist = procs.submit(histogram, archive, BINS, 0.2).result()
    for t in handlers + stats_threads + [flusher]:
        t.join()
    drain_remaining()
    print("requests served:", requests_served, "samples shipped:", len(shipped))
    print("summary:", {k: round(v, 5) for k, v in summary.items()})
    print("histogram head:", hist[:8])


if __name__ == "__main__":
    main()
