"""Process-wide metrics registry with periodic, compressed flushes.

Request handler threads look histograms up by name in the registry and record
latencies into them.  A threading.Timer re-arms itself to snapshot every
metric, serialise it, compress it and hand the payload to each registered
exporter callback.
"""
from __future__ import annotations

import bisect
import json
import logging
import os
import random
import tempfile
import threading
import time
import zlib
from typing import Callable, Dict, List, Optional, Sequence

log = logging.getLogger("metrics")

DEFAULT_BOUNDS = (0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000)


class Histogram:
    def __init__(self, name: str, bounds: Sequence[float] = DEFAULT_BOUNDS) -> None:
        self.name = name
        self.bounds = list(bounds)
        self.buckets = [0] * (len(self.bounds) + 1)
        self.total = 0.0

    def observe(self, value: float) -> None:
        self.buckets[bisect.bisect_left(self.bounds, value)] += 1  # ok: GIL002
        self.total += value  # ok: GIL002

    def snapshot(self) -> Dict[str, object]:
        return {"name": self.name, "bounds": self.bounds,
                "buckets": list(self.buckets), "sum": round(self.total, 3)}


class LockedHistogram(Histogram):
    """Histogram safe for concurrent writers: observe and snapshot hold a lock."""

    def __init__(self, name: str, bounds: Sequence[float] = DEFAULT_BOUNDS) -> None:
        super().__init__(name, bounds)
        self._lock = threading.Lock()

    def observe(self, value: float) -> None:
        with self._lock:
            super().observe(value)

    def snapshot(self) -> Dict[str, object]:
        with self._lock:
            return super().snapshot()


Exporter = Callable[[str, bytes], None]


class Registry:
    def __init__(self, factory: Callable[[str], Histogram] = LockedHistogram) -> None:
        self._factory = factory
        self._metrics: Dict[str, Histogram] = {}
        self._exporters: List[Exporter] = []
        self._lock = threading.Lock()
        self._timer: Optional[threading.Timer] = None
        self._stopped = threading.Event()
        self.flushes = 0
        self.bytes_out = 0

    def histogram(self, name: str) -> Histogram:
        if name not in self._metrics:  # expect: GIL003
            self._metrics[name] = self._factory(name)
        return self._metrics[name]

    def exporter(self, fn: Exporter) -> Exporter:
        """Decorator: register `fn` to receive every flushed payload."""
        with self._lock:
            self._exporters.append(fn)
        return fn

    def start(self, interval: float) -> None:
        self._interval = interval
        self._arm()

    def _arm(self) -> None:
        if not self._stopped.is_set():
            self._timer = threading.Timer(self._interval, self._flush)
            self._timer.daemon = True
            self._timer.start()

    def _flush(self) -> None:
        snaps = [m.snapshot() for m in list(self._metrics.values())]  # ok: GIL001
        payload = zlib.compress(json.dumps(snaps).encode(), 9)
        with self._lock:
            self.flushes += 1  # ok: GIL002
            self.bytes_out += len(payload)  # ok: GIL002
            exporters = list(self._exporters)
        for export in exporters:
            export(f"flush-{self.flushes}", payload)
        self._arm()

    def stop(self) -> None:
        self._stopped.set()
        if self._timer is not None:
            self._timer.cancel()
        self._flush()


def handle_requests(registry: Registry, route: str, n: int, seed: int) -> None:
    """Simulated handler: waits on a backend, then records the latency."""
    rng = random.Random(seed)
    for _ in range(n):  # ok: GIL001
        started = time.perf_counter()
        time.sleep(rng.uniform(0.0005, 0.002))
        registry.histogram(f"http_request_ms:{route}").observe((time.perf_counter() - started) * 1e3)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    outdir = tempfile.mkdtemp(prefix="metrics-")
    registry = Registry()
    written: List[str] = []

    @registry.exporter
    def to_spool(name: str, payload: bytes) -> None:
        path = os.path.join(outdir, name + ".json.z")
        with open(path, "wb") as fh:
            fh.write(payload)
        written.append(path)

    @registry.exporter
    def to_log(name: str, payload: bytes) -> None:
        log.debug("%s: %d bytes", name, len(payload))

    registry.start(interval=0.05)
    routes = ["/orders", "/users", "/search"]
    handlers = [threading.Thread(target=handle_requests, args=(registry, routes[i % 3], 120, i),
                                 name=f"handler-{i}")
                for i in range(6)]
    for h in handlers:
        h.start()
    for h in handlers:
        h.join()
    registry.stop()

    last = json.loads(zlib.decompress(open(written[-1], "rb").read()))
    counts = {snap["name"]: sum(snap["buckets"]) for snap in last}
    print(f"flushes={registry.flushes} files={len(written)} bytes_out={registry.bytes_out}")
    print(f"observations per route: {dict(sorted(counts.items()))} (expected 240 each)")
    for path in written:
        os.remove(path)
    os.rmdir(outdir)


if __name__ == "__main__":
    main()
