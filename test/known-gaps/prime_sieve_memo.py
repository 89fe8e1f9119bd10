#!/usr/bin/env python3
"""Prime-count API backed by memoised sieves.

Requests ask "how many primes below N?". Each distinct N is sieved once and
the result memoised; requests are answered from a thread pool.
"""
import threading
from concurrent.futures import ThreadPoolExecutor


def sieve_count(limit):
    flags = bytearray([1]) * limit
    flags[0:2] = b"\x00\x00"
    p = 2
    while p * p < limit:  # expect: GIL001
        if flags[p]:
            flags[p * p::p] = bytes(len(range(p * p, limit, p)))
        p += 1
    return sum(flags)


def make_service():
    memo = {}
    memo_lock = threading.Lock()
    served = 0
    sieved = 0

    def count_primes(limit):
        nonlocal served, sieved
        if limit not in memo:  # expect: GIL003
            memo[limit] = sieve_count(limit)
            with memo_lock:
                sieved += 1  # ok: GIL002
        served += 1  # expect: GIL002
        return memo[limit]

    def stats():
        return {"served": served, "sieved": sieved, "memo_size": len(memo)}

    return count_primes, stats


def trial_division_check(limit):
    """Cross-check one sieve answer the slow way."""
    return sum(1 for n in range(2, limit) if all(n % d for d in range(2, int(n ** 0.5) + 1)))  # expect: GIL001


def main():
    count_primes, stats = make_service()
    limits = [200_000, 50_000, 200_000, 1_000_000, 50_000, 1_000_000, 10_000, 200_000]
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(count_primes, n) for n in limits]
        check = pool.submit(trial_division_check, 10_000)
        for n, fut in zip(limits, futures):
            print("pi(%d) = %d" % (n, fut.result()))
        print("cross-check pi(10000) by trial division: %d" % check.result())
    print(stats())


if __name__ == "__main__":
    main()
