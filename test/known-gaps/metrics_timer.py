# Models a metrics agent: request threads record latencies, periodic Timers flush them and send heartbeats.
import random
import statistics
import threading
import time


class MetricsAgent:
    def __init__(self, interval):
        self.interval = interval
        self.request_count = 0
        self.error_count = 0
        self.latencies = []
        self.flushes = []
        self._lock = threading.Lock()
        self._timer = None
        self._stopped = False

    def record(self, latency, ok):
        with self._lock:
            self.request_count += 1  # ok: GIL002
            self.latencies.append(latency)
        if not ok:
            self.error_count += 1  # expect: GIL002

    def snapshot(self):
        """Percentiles of the not-yet-flushed window, for the /metrics endpoint."""
        self._lock.acquire()  # expect: GIL005
        if len(self.latencies) < 2:
            return None
        cuts = statistics.quantiles(self.latencies, n=10)
        self._lock.release()
        return {"p50": round(cuts[4], 4), "p90": round(cuts[8], 4)}

    def _flush(self):
        with self._lock:
            batch, self.latencies = self.latencies, []
            count = self.request_count
        if batch:
            self.flushes.append((count, round(statistics.mean(batch), 4)))
        self._schedule()

    def _schedule(self):
        if not self._stopped:  # expect: GIL003
            self._timer = threading.Timer(self.interval, self._flush)
            self._timer.daemon = True
            self._timer.start()

    def stop(self):
        self._stopped = True
        if self._timer is not None:
            self._timer.cancel()


class Heartbeat:
    """Re-arming Timer whose state is only touched under its lock."""

    def __init__(self, interval):
        self.interval = interval
        self.beats = 0
        self._lock = threading.Lock()
        self._timer = None
        self._running = False

    def start(self):
        with self._lock:
            self._running = True
            self._arm()

    def _arm(self):
        self._timer = threading.Timer(self.interval, self._tick)
        self._timer.start()

    def _tick(self):
        with self._lock:
            if not self._running:  # ok: GIL003
                return
            self.beats += 1  # ok: GIL002
            self._arm()

    def stop(self):
        with self._lock:
            self._running = False
            self._timer.cancel()


def build_histogram(samples, buckets):
    counts = [0] * buckets
    for s in samples:  # expect: GIL001
        idx = min(int(s * buckets), buckets - 1)
        counts[idx] += 1  # ok: GIL002
    return counts


def handle_requests(agent, worker_id):
    rng = random.Random(worker_id)
    for _ in range(40):  # ok: GIL001
        latency = rng.uniform(0.001, 0.003)
        time.sleep(latency)
        agent.record(latency, ok=rng.random() > 0.1)


def main():
    agent = MetricsAgent(interval=0.02)
    beat = Heartbeat(interval=0.01)
    agent._schedule()
    beat.start()

    history = [random.random() for _ in range(300_000)]  # ok: GIL001
    result = {}
    compactor = threading.Timer(0.005, lambda: result.update(hist=build_histogram(history, 20)))
    compactor.start()

    workers = [threading.Thread(target=lambda n=n: handle_requests(agent, n)) for n in range(4)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    compactor.join()
    window = agent.snapshot()
    agent.stop()
    beat.stop()

    print(f"requests={agent.request_count} errors={agent.error_count} flushes={len(agent.flushes)}")
    print(f"heartbeats={beat.beats} histogram head={result['hist'][:5]} window={window}")


if __name__ == "__main__":
    main()
