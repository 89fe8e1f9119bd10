#!/usr/bin/env python3
"""primecount: count primes below N with a segmented sieve split across worker threads."""
import argparse
import functools
import hashlib
import math
import threading
from concurrent.futures import ThreadPoolExecutor

ARGV = ["--workers", "4", "--limit", "2000000", "--segment", "250000"]
CHUNK = 1 << 18

segments_done = 0


def base_primes(limit):
    sieve = bytearray([1]) * (limit + 1)
    sieve[0:2] = b"\x00\x00"
    for p in range(2, math.isqrt(limit) + 1):  # ok: GIL001
        if sieve[p]:
            sieve[p * p::p] = bytes(len(range(p * p, limit + 1, p)))
    return [i for i, flag in enumerate(sieve) if flag]  # ok: GIL001


def sieve_segment(lo, hi, primes):
    seg = bytearray([1]) * (hi - lo)
    for p in primes:  # expect: GIL001
        start = max(p * p, (lo + p - 1) // p * p)
        if start >= hi:
            break
        seg[start - lo::p] = bytes(len(range(start - lo, hi - lo, p)))
    if lo < 2:
        seg[:2 - lo] = bytes(2 - lo)
    return lo, seg


def on_segment_done(total, _future):
    global segments_done
    segments_done += 1  # expect: GIL002
    print(f"\rsegments {segments_done}/{total}", end="", flush=True)


def fingerprint(bitmaps, out):
    h = hashlib.sha256()
    view = memoryview(b"".join(bitmaps))
    for off in range(0, len(view), CHUNK):  # ok: GIL001
        h.update(view[off:off + CHUNK])
    out["sha256"] = h.hexdigest()


def main(argv):
    parser = argparse.ArgumentParser(prog="primecount")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=100000)
    parser.add_argument("--segment", type=int, default=50000)
    args = parser.parse_args(argv)

    primes = base_primes(math.isqrt(args.limit))
    bounds = [(lo, min(lo + args.segment, args.limit)) for lo in range(0, args.limit, args.segment)]
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        futures = []
        for lo, hi in bounds:
            fut = pool.submit(functools.partial(sieve_segment, lo, hi, primes))
            fut.add_done_callback(functools.partial(on_segment_done, len(bounds)))
            futures.append(fut)
        results = sorted(f.result() for f in futures)
    print()

    digest = {}
    hasher = threading.Thread(target=fingerprint, args=([seg for _, seg in results], digest))
    hasher.start()
    print(f"{'range':<22}{'primes':>8}")
    grand = 0
    for lo, seg in results:
        count = sum(seg)
        grand += count
        print(f"{f'[{lo}, {lo + len(seg)})':<22}{count:>8}")
    hasher.join()
    print(f"total primes below {args.limit}: {grand}  (bitmap sha256 {digest['sha256'][:16]})")


if __name__ == "__main__":
    main(ARGV)
