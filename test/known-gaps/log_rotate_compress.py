"""Log rotation: compress yesterday's segments in one thread while others parse and grep the live log."""
import bz2
import os
import re
import tempfile
import threading
import zlib

LIVE_LINES = 150_000
SEGMENT_LINES = 40_000
SEGMENTS = 3
LEVELS = ("DEBUG", "INFO", "WARN", "ERROR")
ERROR_RE = re.compile(r"^\S+ \S+ ERROR (\S+) .*$", re.M)


def write_log(path, n, seed):
    lines = [f"2024-05-{1 + i % 28:02d} 12:{i % 60:02d}:{(i * seed) % 60:02d} {LEVELS[(i * 7 + seed) % 4]} "
             f"svc{i % 13} request {i} took {(i * 37 + seed) % 950}ms" for i in range(n)]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


class SegmentCompressor(threading.Thread):
    def __init__(self, paths, totals, lock):
        super().__init__(name="compressor")
        self.paths, self.totals, self.lock = paths, totals, lock

    def run(self):
        for path in self.paths:  # ok: GIL001
            with open(path, "rb") as fh:
                raw = fh.read()
            packed = bz2.compress(raw, 9) if path.endswith(".1") else zlib.compress(raw, 9)
            with open(path + ".z", "wb") as out:
                out.write(packed)
            os.remove(path)
            with self.lock:
                self.totals["saved"] += len(raw) - len(packed)  # ok: GIL002


class LevelCounter(threading.Thread):
    def __init__(self, path):
        super().__init__(name="level-counter")
        self.path = path
        self.counts = dict.fromkeys(LEVELS, 0)
        self.slowest = 0

    def run(self):
        with open(self.path, encoding="utf-8") as fh:
            for line in fh:  # expect: GIL001
                first = line.index(" ")
                second = line.index(" ", first + 1)
                third = line.index(" ", second + 1)
                self.counts[line[second + 1:third]] += 1  # ok: GIL002
                took = int(line[line.rindex(" ") + 1:-3])
                if took > self.slowest:  # ok: GIL003
                    self.slowest = took


class ErrorGrep(threading.Thread):
    def __init__(self, path, totals, lock):
        super().__init__(name="error-grep")
        self.path, self.totals, self.lock = path, totals, lock
        self.services = set()

    def run(self):
        with open(self.path, encoding="utf-8") as fh:
            text = fh.read()
        services = ERROR_RE.findall(text)  # ok: GIL001
        self.services = set(services)
        with self.lock:
            self.totals["errors"] += len(services)  # ok: GIL002


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as logdir:
        live = os.path.join(logdir, "app.log")
        write_log(live, LIVE_LINES, 3)
        rotated = [os.path.join(logdir, f"app.log.{k}") for k in range(1, SEGMENTS + 1)]
        for k, path in enumerate(rotated):
            write_log(path, SEGMENT_LINES, 11 + k)
        totals, lock = {"saved": 0, "errors": 0}, threading.Lock()
        counter = LevelCounter(live)
        workers = [SegmentCompressor(rotated, totals, lock), counter, ErrorGrep(live, totals, lock)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        print(f"levels: {counter.counts}, slowest {counter.slowest} ms")
        print(f"errors: {totals['errors']} lines, compression saved {totals['saved'] / 1e6:.1f} MB")
        print(sorted(os.listdir(logdir)))
