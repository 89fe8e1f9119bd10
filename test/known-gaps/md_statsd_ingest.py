"""StatsD ingestion path of the metrics aggregation daemon.

A receiver thread drains a local stream socket (socketpair standing in for the agent
connection) while a sender thread replays captured traffic.  The captured batch is then
parsed in parallel into per-chunk partial aggregates that the main thread merges.  The
"live" aggregator used by the streaming endpoint folds lines straight into shared sums.
"""
import logging
import random
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger("metrics.statsd")

NAMES = ["api.latency", "api.hits", "db.query_ms", "queue.depth", "cache.miss", "cache.hit"]
TYPES = {"api.latency": "ms", "api.hits": "c", "db.query_ms": "ms", "queue.depth": "g",
         "cache.miss": "c", "cache.hit": "c"}


@dataclass(frozen=True)
class Sample:
    name: str
    value: float
    kind: str
    rate: float = 1.0


def parse_line(line):
    """``name:value|type[|@rate]`` -> Sample, or None for junk."""
    try:
        name, rest = line.split(":", 1)
        fields = rest.split("|")
        rate = float(fields[2][1:]) if len(fields) > 2 and fields[2].startswith("@") else 1.0
        return Sample(name, float(fields[0]), fields[1], rate)
    except (ValueError, IndexError):
        return None


def parse_chunk(lines):
    """Partial aggregate of one chunk: sums scaled by sample rate, plus junk count."""
    sums, junk = {}, 0
    for line in lines:  # expect: GIL001
        sample = parse_line(line)
        if sample is None:
            junk += 1
            continue
        sums[sample.name] = sums.get(sample.name, 0.0) + sample.value / sample.rate  # ok: GIL002
    return sums, junk


class LiveAggregator:
    """Streaming endpoint: folds lines into one shared table as they arrive."""

    def __init__(self):
        self.sums = {}
        self.lines = 0

    def ingest(self, line):
        sample = parse_line(line)
        if sample is not None:
            self.sums[sample.name] = self.sums.get(sample.name, 0.0) + sample.value  # expect: GIL002

    def ingest_many(self, lines):
        for line in lines:  # expect: GIL001
            self.ingest(line)
        return len(lines)


class Receiver(threading.Thread):
    def __init__(self, sock, bufsize=65536):
        super().__init__(name="statsd-recv")
        self.sock = sock
        self.bufsize = bufsize
        self.chunks = []
        self.received = 0

    def run(self):
        while True:  # ok: GIL001
            data = self.sock.recv(self.bufsize)
            if not data:
                break
            self.chunks.append(data)
            self.received += len(data)  # ok: GIL002

    def lines(self):
        return b"".join(self.chunks).decode().splitlines()


def replay(sock, payload, chunk=16384, gap=0.0003):
    for offset in range(0, len(payload), chunk):  # ok: GIL001
        sock.sendall(payload[offset:offset + chunk])
        time.sleep(gap)
    sock.shutdown(socket.SHUT_WR)


def capture(count, seed=3):
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        name = rng.choice(NAMES)
        rate = "|@0.5" if name == "api.hits" and rng.random() < 0.3 else ""
        out.append(f"{name}:{rng.randint(1, 500)}|{TYPES[name]}{rate}")
        if rng.random() < 0.001:
            out.append("garbage-without-colon")
    return ("\n".join(out) + "\n").encode()


def split(seq, parts):
    size = (len(seq) + parts - 1) // parts
    return [seq[i:i + size] for i in range(0, len(seq), size)]


def main():
    logging.basicConfig(level=logging.WARNING)
    payload = capture(120_000)
    rx_sock, tx_sock = socket.socketpair()
    receiver = Receiver(rx_sock)
    receiver.start()
    sender = threading.Thread(target=replay, args=(tx_sock, payload), name="replay")
    sender.start()
    sender.join()
    receiver.join()
    lines = receiver.lines()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=4) as pool:
        partials = list(pool.map(parse_chunk, split(lines, 4)))
    totals, junk = {}, 0
    for sums, bad in partials:
        junk += bad
        for name, value in sums.items():
            totals[name] = totals.get(name, 0.0) + value  # ok: GIL002
    batch_ms = 1e3 * (time.perf_counter() - started)

    live = LiveAggregator()
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="live")
    futures = [pool.submit(live.ingest_many, part) for part in split(lines, 2)]
    ingested = sum(f.result() for f in futures)
    pool.shutdown()

    print(f"received {receiver.received} bytes, {len(lines)} lines, {junk} junk")
    print(f"batch totals: { {k: round(v) for k, v in sorted(totals.items())} } ({batch_ms:.0f} ms)")
    drift = {k: round(totals[k] - live.sums.get(k, 0.0)) for k in sorted(totals) if k != "api.hits"}
    print(f"live ingested {ingested}; drift vs batch (ex. sampled): {drift}")


if __name__ == "__main__":
    main()
