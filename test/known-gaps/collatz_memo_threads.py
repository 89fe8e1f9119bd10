"""Memoised Collatz chain lengths: compare a sequential run, a thread pool
sharing an unguarded memo, and a thread pool sharing a lock-guarded memo."""
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

QUERIES = [n % 3_000 + 1 for n in range(0, 36_000, 7)]

memo = {}
misses = 0
safe_memo = {}
safe_misses = 0
memo_lock = threading.Lock()


def chain_length(n):
    steps = 0
    while n != 1:  # expect: GIL001
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1  # ok: GIL002
    return steps


def cached_unguarded(n):
    global misses
    if n not in memo:  # expect: GIL003
        misses += 1  # expect: GIL002
        memo[n] = chain_length(n)
    return memo[n]


def cached_guarded(n):
    global safe_misses
    with memo_lock:
        if n in safe_memo:  # ok: GIL003
            return safe_memo[n]
    length = chain_length(n)
    with memo_lock:
        if n not in safe_memo:  # ok: GIL003
            safe_misses += 1  # ok: GIL002
            safe_memo[n] = length
    return length


def run_pool(fn, workers=4):
    # chunksize is accepted by ThreadPoolExecutor.map but only matters for processes
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return max(pool.map(fn, QUERIES, chunksize=64))


def timed(label, fn, miss_count):
    start = time.perf_counter()
    best = fn()
    print(f"{label:<18} longest={best:<4} {time.perf_counter() - start:.3f}s "
          f"computed={miss_count()}")


def main():
    unique = len(set(QUERIES))
    print(f"{len(QUERIES)} queries, {unique} distinct values")
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        timed("sequential", lambda: max(chain_length(n) for n in QUERIES), lambda: len(QUERIES))
        timed("threads/unguarded", lambda: run_pool(cached_unguarded), lambda: misses)
        timed("threads/guarded", lambda: run_pool(cached_guarded), lambda: safe_misses)
    finally:
        sys.setswitchinterval(old)
    print(f"unguarded memo recomputed {misses - unique} values; guarded: {safe_misses - unique}")


if __name__ == "__main__":
    main()
