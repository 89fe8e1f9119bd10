"""Telemetry event bus: API worker threads publish request events to a bus,
and handler objects subscribed to topics aggregate them."""
import random
import threading

N_WORKERS = 4
EVENTS_PER_WORKER = 30        # 30 cheap publishes per worker
TRACE_SPANS = 300_000         # spans compacted once per worker on "flush"


class EventBus:
    def __init__(self):
        self._routes = {}

    def subscribe(self, topic, handler):
        self._routes[topic] = handler

    def publish(self, topic, payload):
        handler = self._routes.get(topic)
        if handler is not None:
            handler.on_event(payload)


class LatencyHistogram:
    BOUNDS = (10, 50, 100, 250, 500)

    def __init__(self):
        self.buckets = [0] * (len(self.BOUNDS) + 1)

    def on_event(self, payload):
        ms = payload["latency_ms"]
        idx = len(self.BOUNDS)
        for i, bound in enumerate(self.BOUNDS):   # 5 iterations
            if ms <= bound:
                idx = i
                break
        self.buckets[idx] += 1  # expect: GIL002


class ErrorCounter:
    def __init__(self):
        self._lock = threading.Lock()
        self.errors = 0

    def on_event(self, payload):
        if payload["status"] >= 500:
            with self._lock:
                self.errors += 1  # ok: GIL002


class TraceCompactor:
    def __init__(self):
        self._lock = threading.Lock()
        self.digests = []

    def on_event(self, payload):
        seed = payload["worker"]
        acc = 0
        for span in range(TRACE_SPANS):  # expect: GIL001
            acc = (acc * 31 + span ^ seed) & 0xFFFFFFFF
        with self._lock:
            self.digests.append(acc)


class RequestSimulator:
    def __init__(self, bus, worker_id):
        self.bus = bus
        self.worker_id = worker_id
        self.rng = random.Random(worker_id)
        self.sent = 0

    def run(self):
        for _ in range(EVENTS_PER_WORKER):  # ok: GIL001
            status = 503 if self.rng.random() < 0.1 else 200
            latency = self.rng.randint(1, 800)
            self.bus.publish("request", {"latency_ms": latency, "status": status})
            self.bus.publish("error", {"latency_ms": latency, "status": status})
            self.sent += 1  # ok: GIL002
        self.bus.publish("flush", {"worker": self.worker_id})


class FanOut:
    """Lets the latency and error handlers share one topic name each."""

    def __init__(self, *handlers):
        self.handlers = handlers

    def on_event(self, payload):
        for h in self.handlers:
            h.on_event(payload)


def main():
    bus = EventBus()
    histogram = LatencyHistogram()
    errors = ErrorCounter()
    compactor = TraceCompactor()
    bus.subscribe("request", histogram)
    bus.subscribe("error", FanOut(errors))
    bus.subscribe("flush", compactor)

    sims = [RequestSimulator(bus, w) for w in range(N_WORKERS)]
    threads = [threading.Thread(target=s.run, name=f"api-{i}") for i, s in enumerate(sims)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    print("histogram:", histogram.buckets)
    print("errors:", errors.errors, "sent:", sum(s.sent for s in sims))
    print("trace digests:", len(compactor.digests))


if __name__ == "__main__":
    main()
