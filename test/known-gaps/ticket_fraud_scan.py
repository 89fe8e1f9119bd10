"""Periodic fraud sweeps over the marketplace transaction log.

An ingest thread appends live transactions while timer-driven scanners look
for (a) buyers purchasing at a suspicious velocity and (b) resellers listing
far above face value. Flags from all scanners land in one ``Findings`` table.
"""
import functools
import logging
import random
import threading
import time
from collections import namedtuple

log = logging.getLogger("resale.fraud")

Tx = namedtuple("Tx", "ts user event_id qty face_cents paid_cents")

CONFIG = {"velocity_window_s": 60.0, "velocity_max": 6, "markup_max": 3.0, "scan_delay_s": 0.05}


class TransactionLog:
    def __init__(self, rows=()):
        self._rows = list(rows)
        self._lock = threading.Lock()

    def append(self, tx):
        with self._lock:
            self._rows.append(tx)

    def __len__(self):
        return len(self._rows)

    def snapshot(self, since=0):
        self._lock.acquire()  # expect: GIL005
        if since >= len(self._rows):
            return []
        rows = self._rows[since:]
        self._lock.release()
        return rows

    def try_trim(self, keep):
        """Drop old rows unless someone is appending right now."""
        if not self._lock.acquire(blocking=False):  # ok: GIL005
            return False
        try:
            del self._rows[:-keep]
            return True
        finally:
            self._lock.release()


class Findings:
    def __init__(self):
        self.counts = {}
        self.reasons = []

    def flag(self, user, reason):
        self.counts[user] = self.counts.get(user, 0) + 1  # expect: GIL002
        self.reasons.append((user, reason))


def log_failures(metric):
    """Timer threads die silently; make sure a failed sweep is at least logged."""
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            except Exception:
                log.exception("%s failed after %.0f ms", metric, (time.perf_counter() - started) * 1e3)
                raise
        return wrapper
    return decorate


class Scanner:
    name = "base"

    def __init__(self, txlog, findings, config):
        self.txlog, self.findings, self.config = txlog, findings, config

    def detect(self, rows):
        raise NotImplementedError

    @log_failures("fraud.scan")
    def scan(self):
        rows = self.txlog.snapshot(since=max(0, len(self.txlog) - 200_000))
        hits = self.detect(rows)
        for user, reason in hits:  # ok: GIL001
            self.findings.flag(user, f"{self.name}: {reason}")
        log.info("%s scanned %d rows, %d hits", self.name, len(rows), len(hits))


class VelocityScanner(Scanner):
    name = "velocity"

    def detect(self, rows):
        window, limit = self.config["velocity_window_s"], self.config["velocity_max"]
        recent, hits = {}, []
        for tx in rows:  # expect: GIL001
            times = recent.setdefault(tx.user, [])
            times.append(tx.ts)
            while times and tx.ts - times[0] > window:
                times.pop(0)
            if len(times) == limit + 1:
                hits.append((tx.user, f"{len(times)} purchases in {window:.0f}s"))
        return hits


class MarkupScanner(Scanner):
    name = "markup"

    def detect(self, rows):
        worst, held = {}, {}
        for tx in rows:  # expect: GIL001
            ratio = tx.paid_cents / (tx.qty * tx.face_cents)
            if ratio > worst.get(tx.user, 0.0):
                worst[tx.user] = ratio
            key = (tx.user, tx.event_id)
            held[key] = held.get(key, 0) + tx.qty
        limit = self.config["markup_max"]
        hits = [(u, f"markup x{r:.1f}") for u, r in worst.items() if r > limit]
        hits += [(u, f"{n} seats for {e}") for (u, e), n in held.items() if n > 40]
        return hits


def schedule(scanners, delay):
    timers = [threading.Timer(delay, s.scan) for s in scanners]
    for t in timers:
        t.start()
    return timers


def live_feed(txlog, stop, seed=99):
    rng = random.Random(seed)
    while not stop.is_set():  # ok: GIL001
        txlog.append(Tx(time.time(), f"u{rng.randint(1, 3000)}", "EVT-LIVE", 1, 5_000, 9_000))
        time.sleep(0.002)


def history(n, seed=1):
    rng = random.Random(seed)
    ts = time.time() - 86_400
    rows = []
    for _ in range(n):  # ok: GIL001
        ts += rng.expovariate(1.5)
        user = f"u{int(rng.paretovariate(1.2)) % 4000}"
        face = rng.choice((4_500, 8_000, 15_000))
        rows.append(Tx(ts, user, f"EVT-{rng.randint(1, 40)}", rng.randint(1, 4), face,
                       int(face * rng.uniform(0.8, 2.2) * (1 if rng.random() > 0.01 else 2.5))))
    return rows


def main():
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    txlog = TransactionLog(history(120_000))
    findings = Findings()
    stop = threading.Event()
    feeder = threading.Thread(target=lambda: live_feed(txlog, stop), name="ingest", daemon=True)
    feeder.start()
    started = time.perf_counter()
    timers = schedule([VelocityScanner(txlog, findings, CONFIG), MarkupScanner(txlog, findings, CONFIG)],
                      CONFIG["scan_delay_s"])
    for t in timers:
        t.join()
    stop.set()
    feeder.join()
    trimmed = txlog.try_trim(keep=10_000)
    top = sorted(findings.counts.items(), key=lambda kv: -kv[1])[:3]
    log.info("sweep took %.2fs, %d users flagged, top %s, trimmed=%s", time.perf_counter() - started,
             len(findings.counts), top, trimmed)


if __name__ == "__main__":
    main()
