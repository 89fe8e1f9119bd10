"""Streaming ingest of A/B experiment events into live counters.

Each ingest thread consumes one partition of the event stream (CSV lines as
they come off the collector), runs it through a small generator pipeline
(parse -> drop bots -> collapse repeated exposure pings) and feeds the shared
``Aggregator`` that backs the live experiment dashboard.
"""
from __future__ import annotations

import logging
import random
import threading
import time
import zlib
from collections import defaultdict
from dataclasses import dataclass
from typing import Dict, Iterable, Iterator, List

log = logging.getLogger("ab.ingest")

_local = threading.local()


@dataclass(frozen=True)
class Event:
    ts: int
    user: str
    variant: str
    kind: str               # "exposure" | "conversion"
    amount: float
    latency_ms: float


def parse(lines: Iterable[str]) -> Iterator[Event]:
    for line in lines:
        ts, user, variant, kind, amount, latency = line.split(",")
        yield Event(int(ts), user, variant, kind, float(amount), float(latency))


def drop_bots(events: Iterable[Event], prefix: str = "bot-") -> Iterator[Event]:
    return (ev for ev in events if not ev.user.startswith(prefix))


def first_exposure_only(events: Iterable[Event]) -> Iterator[Event]:
    """The SDK re-sends exposures on every page view; keep the first per partition."""
    if getattr(_local, "seen", None) is None:  # ok: GIL003
        _local.seen = set()
    for ev in events:
        if ev.kind == "exposure":
            if ev.user in _local.seen:  # ok: GIL003
                continue
            _local.seen.add(ev.user)
        yield ev


class Aggregator:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.exposures: Dict[str, int] = defaultdict(int)
        self.conversions: Dict[str, int] = defaultdict(int)
        self.revenue: Dict[str, float] = defaultdict(float)
        self.first_seen: Dict[str, int] = {}
        self.partitions_done: List[str] = []

    def observe(self, ev: Event) -> None:
        if ev.kind == "exposure":
            self.exposures[ev.variant] += 1  # expect: GIL002
            if ev.user not in self.first_seen:  # expect: GIL003
                self.first_seen[ev.user] = ev.ts
        else:
            with self._lock:
                self.conversions[ev.variant] += 1  # ok: GIL002
                self.revenue[ev.variant] += ev.amount

    def conversion_rate(self, variant: str) -> float:
        return self.conversions[variant] / max(1, self.exposures[variant])


class GuardrailAggregator(Aggregator):
    """Also tracks page latency, a guardrail metric that must not regress."""

    def __init__(self) -> None:
        super().__init__()
        self.latency_sum: Dict[str, float] = {}

    def observe(self, ev: Event) -> None:
        super().observe(ev)
        with self._lock:
            self.latency_sum[ev.variant] = self.latency_sum.get(ev.variant, 0.0) + ev.latency_ms  # ok: GIL002


def ingest(partition: str, lines: List[str], agg: Aggregator, *, log_every: int = 20_000) -> None:
    handled = 0
    for ev in first_exposure_only(drop_bots(parse(lines))):  # expect: GIL001
        agg.observe(ev)
        handled += 1  # ok: GIL002
        if handled % log_every == 0:
            log.debug("%s: %d events", partition, handled)
    agg.partitions_done.append(partition)


def start_ingesters(partitions: Dict[str, List[str]], agg: Aggregator, **opts) -> List[threading.Thread]:
    threads = []
    for name, lines in partitions.items():
        t = threading.Thread(target=ingest, args=(name, lines, agg), kwargs=opts,
                             name=f"ingest-{name}", daemon=True)
        t.start()
        threads.append(t)
    return threads


def synthetic_partition(seed: int, n: int) -> List[str]:
    rng = random.Random(seed)
    lines = []
    for i in range(n):
        user = f"bot-{i % 7}" if i % 50 == 0 else f"u{rng.randrange(20_000)}"
        variant = "B" if zlib.crc32(user.encode()) % 2 else "A"
        if rng.random() < 0.08:
            kind, amount = "conversion", round(rng.uniform(5, 120), 2)
        else:
            kind, amount = "exposure", 0.0
        lines.append(f"{1_700_000_000 + i},{user},{variant},{kind},{amount},{rng.gauss(180, 25):.1f}")
    return lines


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    partitions = {f"p{k}": synthetic_partition(k, 60_000) for k in range(2)}
    agg = GuardrailAggregator()
    t0 = time.perf_counter()
    for t in start_ingesters(partitions, agg, log_every=10_000):
        t.join()
    elapsed = time.perf_counter() - t0
    for variant in sorted(agg.exposures):
        mean_latency = agg.latency_sum[variant] / max(1, agg.exposures[variant] + agg.conversions[variant])
        print(f"{variant}: exposures={agg.exposures[variant]} conversions={agg.conversions[variant]} "
              f"rate={agg.conversion_rate(variant):.3%} revenue={agg.revenue[variant]:.0f} "
              f"latency~{mean_latency:.0f}ms")
    print(f"users seen: {len(agg.first_seen)}, partitions: {sorted(agg.partitions_done)}, {elapsed:.2f}s")
