# Models a small dependency-injection container that wires request handlers to shared and per-handler services.
import threading
import time
from collections import defaultdict


class Container:
    """Maps service names to factories; singletons are built once and then shared."""

    def __init__(self):
        self._factories = {}
        self._singletons = {}
        self._lock = threading.Lock()

    def register(self, name, factory, singleton=False):
        self._factories[name] = (factory, singleton)

    def resolve(self, name):
        factory, singleton = self._factories[name]
        if not singleton:
            return factory()
        with self._lock:
            if name not in self._singletons:  # ok: GIL003
                self._singletons[name] = factory()
            return self._singletons[name]


class MetricsSink:
    """Aggregates per-route counters for every handler in the process."""

    def __init__(self):
        self.counts = defaultdict(int)
        self.first_seen = {}
        self.latency_total = 0.0

    def record(self, route, elapsed):
        if route not in self.first_seen:  # expect: GIL003
            self.first_seen[route] = time.monotonic()
        self.counts[route] += 1  # expect: GIL002
        self.latency_total += elapsed  # expect: GIL002


class AccessLog:
    """Shared by all handlers; appends under its own lock."""

    def __init__(self):
        self._lock = threading.Lock()
        self.lines = []
        self.bytes_logged = 0

    def write(self, line):
        with self._lock:
            self.lines.append(line)
            self.bytes_logged += len(line)  # ok: GIL002


class RequestParser:
    """Keeps a per-instance tally; the container builds a new one on every resolve()."""

    def __init__(self):
        self.parsed = 0

    def parse(self, raw):
        self.parsed += 1  # ok: GIL002
        method, _, target = raw.partition(" ")
        return method, target.split("?", 1)[0]


class RequestHandler:
    def __init__(self, container):
        self.metrics = container.resolve("metrics")
        self.log = container.resolve("access_log")
        self.parser = container.resolve("parser")

    def serve(self, requests):
        for raw in requests:
            started = time.perf_counter()
            method, route = self.parser.parse(raw)
            self.log.write(f"{method} {route}")
            self.metrics.record(route, time.perf_counter() - started)
        return self.parser.parsed


def handler_thread(container, requests, results, slot):
    handler = RequestHandler(container)
    results[slot] = handler.serve(requests)


def main():
    container = Container()
    container.register("metrics", MetricsSink, singleton=True)
    container.register("access_log", AccessLog, singleton=True)
    container.register("parser", RequestParser)

    routes = ["/api/items", "/api/users", "/health", "/api/orders"]
    batches = [
        [f"GET {routes[(i + n) % len(routes)]}?page={i}" for i in range(40)]
        for n in range(4)
    ]
    results = [0] * len(batches)
    threads = [
        threading.Thread(target=handler_thread, args=(container, batch, results, slot), name=f"handler-{slot}")
        for slot, batch in enumerate(batches)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    metrics = container.resolve("metrics")
    log = container.resolve("access_log")
    print("parsed per handler:", results)
    print("route counts:", dict(metrics.counts))
    print("log lines:", len(log.lines), "bytes:", log.bytes_logged)


if __name__ == "__main__":
    main()
