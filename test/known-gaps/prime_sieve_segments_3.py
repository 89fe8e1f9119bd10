#!/usr/bin/env python3
"""Segmented prime sieve: the range is cut into segments, each sieved by its own thread."""
import math
import threading

LIMIT = 1_000_000
SEGMENTS = 4


class SieveStats:
    def __init__(self):
        self.lock = threading.Lock()
        self.segments_done = 0
        self.total_primes = 0
        self.largest = 0


def base_primes(limit):
    flags = bytearray([1]) * (limit + 1)
    flags[0:2] = b"\x00\x00"
    for p in range(2, math.isqrt(limit) + 1):  # ok: GIL001
        if flags[p]:
            flags[p * p::p] = bytes(len(range(p * p, limit + 1, p)))
    return [i for i, f in enumerate(flags) if f]  # ok: GIL001


class SegmentWorker(threading.Thread):
    def __init__(self, lo, hi, primes, stats):
        super().__init__(name=f"segment-{lo}")
        self.lo, self.hi = lo, hi
        self.primes = primes
        self.stats = stats
        self.found = 0

    def run(self):
        seg = bytearray([1]) * (self.hi - self.lo)
        for p in self.primes:  # expect: GIL001
            if p * p >= self.hi:
                break
            start = max(p * p, -(-self.lo // p) * p)
            seg[start - self.lo::p] = bytes(len(range(start, self.hi, p)))
        here = [self.lo + i for i, f in enumerate(seg) if f]  # expect: GIL001
        self.found += len(here)  # ok: GIL002
        self.stats.segments_done += 1  # expect: GIL002
        with self.stats.lock:
            self.stats.total_primes += len(here)  # ok: GIL002
        if here and here[-1] > self.stats.largest:  # expect: GIL003
            self.stats.largest = here[-1]


def main():
    stats = SieveStats()
    primes = base_primes(math.isqrt(LIMIT) + 1)
    step = (LIMIT - 2) // SEGMENTS + 1
    workers = []
    for k in range(SEGMENTS):
        lo = 2 + k * step
        hi = min(LIMIT, lo + step)
        workers.append(SegmentWorker(lo, hi, primes, stats))
    for w in workers:
        w.start()
    for w in workers:
        w.join()

    per_segment = [w.found for w in workers]
    print(f"primes below {LIMIT}: {stats.total_primes} (segments: {per_segment})")
    print(f"segments finished: {stats.segments_done}, largest prime: {stats.largest}")
    assert sum(per_segment) == stats.total_primes == 78498


if __name__ == "__main__":
    main()
