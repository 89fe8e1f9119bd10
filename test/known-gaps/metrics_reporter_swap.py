#!/usr/bin/env python3
"""Application metrics reporter: a background thread flushes request counters
and latency totals to a sink (a list standing in for a statsd socket)."""
import threading
import time

FLUSH_INTERVAL = 0.02          # seconds between flushes
REQUESTS = 3000                # requests simulated by the main thread
ENDPOINTS = ("/login", "/search", "/cart", "/checkout")


class MetricsReporter:
    def __init__(self, sink):
        self._sink = sink
        self._lock = threading.Lock()
        self._counts = {}
        self._latency_total = 0.0
        self._flushes = 0
        self._stop = threading.Event()
        self._thread = None

    def start(self):
        self._thread = threading.Thread(target=self._loop, name="metrics", daemon=True)
        self._thread.start()

    def stop(self):
        self._stop.set()
        self._thread.join()
        self._flush()                      # final flush, reporter thread is gone

    # --- public API, called from the request-handling (main) thread ---
    def incr(self, endpoint):
        self._counts[endpoint] = self._counts.get(endpoint, 0) + 1  # expect: GIL002

    def timing(self, seconds):
        with self._lock:
            self._latency_total += seconds  # ok: GIL002

    # --- reporter thread ---
    def _loop(self):
        while not self._stop.wait(FLUSH_INTERVAL):
            self._flush()

    def _flush(self):
        with self._lock:
            counts, self._counts = self._counts, {}
            latency, self._latency_total = self._latency_total, 0.0
        for name, n in sorted(counts.items()):  # ok: GIL001
            self._sink.append(f"req{name.replace('/', '.')}:{n}|c")
        self._sink.append(f"latency.total:{latency * 1000:.1f}|ms")
        self._flushes += 1  # ok: GIL002

    @property
    def flushes(self):
        return self._flushes


def main():
    sink = []
    reporter = MetricsReporter(sink)
    reporter.start()
    for i in range(REQUESTS):
        endpoint = ENDPOINTS[i % len(ENDPOINTS)]
        reporter.incr(endpoint)
        reporter.timing(0.001 * (i % 7))
        if i % 500 == 0:
            time.sleep(0.01)
    reporter.stop()
    counted = sum(int(line.split(":")[1].split("|")[0])
                  for line in sink if line.endswith("|c"))
    print(f"flushes={reporter.flushes} counted={counted}/{REQUESTS} lines={len(sink)}")


if __name__ == "__main__":
    main()
