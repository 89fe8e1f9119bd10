"""Batch anomaly detection over access logs: per-endpoint latency z-scores and 5xx bursts.

The log is sharded by request id; each shard is parsed by its own thread.
Parsed records stream through a generator pipeline into a shared detector that
counts server errors per host and raises at most one alert per (host, minute).
Latency baselines and z-scores are computed after all shards are done.
"""
import logging
import random
import re
import statistics
import threading
import time
from collections import defaultdict
from dataclasses import dataclass

log = logging.getLogger("anomaly")

LINE_RE = re.compile(
    r'(?P<host>\S+) \[(?P<ts>\d+)\] "(?P<method>[A-Z]+) (?P<path>/\S*) HTTP/1\.1" '
    r'(?P<status>\d{3}) (?P<bytes>\d+) (?P<latency>\d+\.\d+)ms'
)
ENDPOINT_RE = re.compile(r"/\d+")


@dataclass
class Record:
    host: str
    minute: int
    endpoint: str
    status: int
    latency_ms: float


@dataclass
class ShardSummary:
    name: str
    lines: int = 0
    skipped: int = 0


def parse_lines(lines, summary):
    """Yield Records for well-formed lines; count malformed ones."""
    for line in lines:
        m = LINE_RE.match(line)
        if m is None:
            summary.skipped += 1  # ok: GIL002
            continue
        yield Record(m["host"], int(m["ts"]) // 60, ENDPOINT_RE.sub("/{id}", m["path"]),
                     int(m["status"]), float(m["latency"]))


class BurstDetector:
    """Counts 5xx per host and alerts once per host and minute above a threshold."""

    def __init__(self, threshold=3):
        self.threshold = threshold
        self.error_counts = {}
        self.per_minute = defaultdict(int)
        self._alerted = set()
        self.alerts = []

    def observe(self, rec):
        if rec.status < 500:
            return
        self.error_counts[rec.host] = self.error_counts.get(rec.host, 0) + 1  # expect: GIL002
        key = (rec.host, rec.minute)
        self.per_minute[key] += 1  # expect: GIL002
        if self.per_minute[key] >= self.threshold and key not in self._alerted:  # expect: GIL003
            self._alerted.add(key)
            self.alerts.append(f"{rec.host} minute {rec.minute}: {self.per_minute[key]} server errors")


def analyze_shard(name, lines, detector, latencies, latencies_lock):
    summary = ShardSummary(name)
    local = defaultdict(list)
    for rec in parse_lines(lines, summary):  # expect: GIL001
        summary.lines += 1  # ok: GIL002
        detector.observe(rec)
        local[rec.endpoint].append(rec.latency_ms)
    with latencies_lock:
        for endpoint, values in local.items():
            latencies[endpoint].extend(values)
    log.debug("shard %s: %d lines, %d skipped", name, summary.lines, summary.skipped)
    return summary


def zscore_outliers(latencies, cutoff=3.0):
    """Main thread only, after the shards are joined."""
    outliers = {}
    for endpoint, values in latencies.items():  # ok: GIL001
        if len(values) < 10:
            continue
        mean = statistics.fmean(values)
        sd = statistics.pstdev(values, mean) or 1.0
        outliers[endpoint] = sum(1 for v in values if (v - mean) / sd > cutoff)
    return outliers


def synth_log(n, seed=5):
    rng = random.Random(seed)
    hosts = [f"web-{i:02d}" for i in range(6)]
    paths = ["/api/orders/{}", "/api/users/{}", "/static/app.js", "/api/search", "/health"]
    out = []
    for i in range(n):
        host = rng.choice(hosts)
        status = 503 if (host == "web-03" and i % 7 == 0) else rng.choice((200, 200, 200, 201, 304, 404))
        latency = rng.lognormvariate(3.0, 0.4) * (8 if rng.random() < 0.003 else 1)
        path = rng.choice(paths).format(rng.randint(1, 99999))
        out.append(f'{host} [{1_700_000_000 + i // 40}] "GET {path} HTTP/1.1" {status} '
                   f'{rng.randint(200, 90000)} {latency:.2f}ms')
        if i % 997 == 0:
            out.append("-- log rotated --")
    return out


def main():
    logging.basicConfig(level=logging.INFO)
    lines = synth_log(60_000)
    shards = {f"shard-{k}": lines[k::3] for k in range(3)}
    detector = BurstDetector(threshold=3)
    latencies = defaultdict(list)
    latencies_lock = threading.Lock()
    summaries = {}

    def run(name, shard):
        summaries[name] = analyze_shard(name, shard, detector, latencies, latencies_lock)

    started = time.perf_counter()
    threads = []
    for name, shard in shards.items():
        t = threading.Thread(target=run, args=(name, shard), name=name)
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    parsed = time.perf_counter() - started

    outliers = zscore_outliers(latencies)
    total_errors = sum(detector.error_counts.values())
    expected = sum(1 for ln in lines if '" 503 ' in ln)
    print(f"parsed {sum(s.lines for s in summaries.values())} lines "
          f"({sum(s.skipped for s in summaries.values())} skipped) in {parsed:.2f}s")
    print(f"5xx counted = {total_errors} (expected {expected}), alerts = {len(detector.alerts)}")
    print("latency outliers:", dict(sorted(outliers.items())))


if __name__ == "__main__":
    main()
