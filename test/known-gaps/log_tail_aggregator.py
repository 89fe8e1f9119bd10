"""Tail an application log and report per-level counts every 100 ms.

A writer thread plays the application, a reader tails the file, a backfill thread
replays yesterday's gzipped log, and a reporter snapshots and resets the counts.
"""
import gzip
import os
import random
import re
import tempfile
import threading
import time

LINE_RE = re.compile(r"^(\S+) (DEBUG|INFO|WARNING|ERROR) (\S+) (\d+)ms$")
ENDPOINTS = ["/api/cart", "/api/login", "/health", "/api/search"]
LEVELS, WEIGHTS = ["DEBUG", "INFO", "WARNING", "ERROR"], [5, 10, 2, 1]


class Aggregator:
    def __init__(self):
        self.lock = threading.Lock()
        self.by_level, self.slow, self.reports = {}, {}, []
        self.lines = self.worst_ms = 0

    def record(self, level, endpoint, ms):
        self.by_level[level] = self.by_level.get(level, 0) + 1  # expect: GIL002
        self.lines += 1  # expect: GIL002
        if ms > self.worst_ms:  # expect: GIL003
            self.worst_ms = ms
        if ms >= 300:
            with self.lock:
                self.slow[endpoint] = self.slow.get(endpoint, 0) + 1  # ok: GIL002

    def flush(self):
        self.lock.acquire()  # expect: GIL005
        counts, self.by_level = self.by_level, {}
        slow, self.slow = self.slow, {}
        lines, self.lines = self.lines, 0
        worst, self.worst_ms = self.worst_ms, 0
        self.reports.append(self.format(counts, slow, lines, worst))
        self.lock.release()

    @staticmethod
    def format(counts, slow, lines, worst):
        levels = " ".join(f"{lvl}={n}" for lvl, n in sorted(counts.items()))  # ok: GIL001
        return f"{lines:5d} lines  {levels}  slow={slow}  worst={worst}ms"


def tail(path, agg, stop):
    with open(path, encoding="utf-8") as fh:
        while not stop.is_set():  # ok: GIL001
            line = fh.readline()
            if not line:
                time.sleep(0.005)  # nothing new yet
                continue
            if match := LINE_RE.match(line.strip()):
                agg.record(match.group(2), match.group(3), int(match.group(4)))


def backfill(archive, agg):
    for line in gzip.decompress(archive).decode().splitlines():  # expect: GIL001
        if match := LINE_RE.match(line):
            agg.record(match.group(2), match.group(3), int(match.group(4)))


def reporter(agg, stop, interval=0.1):
    while not stop.wait(interval):  # ok: GIL001
        agg.flush()
    agg.flush()


def fake_line(i):
    level = random.choices(LEVELS, WEIGHTS)[0]
    stamp = f"2024-05-01T12:{i // 60 % 60:02d}:{i % 60:02d}"
    return f"{stamp} {level} {random.choice(ENDPOINTS)} {random.randint(1, 400)}ms\n"


def write_app_log(path, n_lines):
    with open(path, "a", encoding="utf-8") as out:
        for i in range(n_lines):  # ok: GIL001
            out.write(fake_line(i))
            out.flush()
            time.sleep(0.001)


def main():
    archive = gzip.compress("".join(fake_line(i) for i in range(20_000)).encode())
    agg, stop = Aggregator(), threading.Event()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "app.log")
        open(path, "w").close()
        reader = threading.Thread(target=tail, args=(path, agg, stop), name="tail")
        report = threading.Thread(target=reporter, args=(agg, stop), name="report")
        app = threading.Thread(target=write_app_log, args=(path, 400), name="app")
        replay = threading.Thread(target=backfill, args=(archive, agg), name="backfill")
        for t in (reader, report, app, replay):
            t.start()
        for t in (app, replay):
            t.join()
        time.sleep(0.05)  # let the reader catch up with the last lines
        stop.set()
        reader.join()
        report.join()
    print("\n".join(agg.reports))
    total = sum(int(r.split()[0]) for r in agg.reports)
    print(f"{len(agg.reports)} reports, {total} lines counted (expected {20_000 + 400})")


if __name__ == "__main__":
    main()
