#!/usr/bin/env python3
"""Count primes (and twin primes) below N by sieving fixed-size segments on a thread pool."""
import math
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed

N = 200_000
SEGMENT = 20_000

segments = {}            # lo -> bytearray of primality flags, filled by the workers
counts_by_segment = {}
progress = {"segments": 0, "composites": 0}
progress_lock = threading.Lock()


def base_primes(limit):
    flags = bytearray([1]) * (limit + 1)
    flags[0:2] = b"\x00\x00"
    for i in range(2, math.isqrt(limit) + 1):  # ok: GIL001
        if flags[i]:
            flags[i * i::i] = bytes(len(range(i * i, limit + 1, i)))
    return [i for i, v in enumerate(flags) if v]


def sieve_segment(lo, hi, primes):
    seg = bytearray([1]) * (hi - lo)
    for p in primes:  # expect: GIL001
        if p * p >= hi:
            break
        start = max(p * p, (lo + p - 1) // p * p)
        seg[start - lo::p] = bytes(len(range(start, hi, p)))
    if lo == 0:
        seg[0:2] = b"\x00\x00"
    found = seg.count(1)
    segments[lo] = seg
    counts_by_segment[lo] = found
    progress["segments"] += 1  # expect: GIL002
    with progress_lock:
        progress["composites"] += len(seg) - found  # ok: GIL002
    return found


def count_twins(lo):
    seg = segments[lo]
    twins = 0
    for i in range(len(seg) - 2):  # expect: GIL001
        if seg[i] and seg[i + 2]:
            twins += 1  # ok: GIL002
    return twins


def main():
    primes = base_primes(math.isqrt(N) + 1)
    bounds = [(lo, min(lo + SEGMENT, N)) for lo in range(0, N, SEGMENT)]
    total = 0
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="sieve") as pool:
        futs = {pool.submit(sieve_segment, lo, hi, primes): lo for lo, hi in bounds}
        for fut in as_completed(futs):
            total += fut.result()  # ok: GIL002
        # twins straddling a segment boundary are ignored; good enough for a report
        twins = sum(pool.map(lambda b: count_twins(b[0]), bounds))
    print("primes below %d: %d (expected 17984)" % (N, total))
    print("twin pairs inside segments: %d" % twins)
    print("densest segment starts at", max(counts_by_segment, key=counts_by_segment.get))
    print("segments done: %d, composites marked: %d"
          % (progress["segments"], progress["composites"]))


if __name__ == "__main__":
    main()
