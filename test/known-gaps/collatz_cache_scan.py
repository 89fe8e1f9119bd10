#!/usr/bin/env python3
"""Find the longest Collatz chains below a bound. Worker threads scan
overlapping start ranges and share a memo of chain lengths."""
import threading

BOUND = 30000
WORKERS = 4

cache = {1: 0}
cache_misses = 0
best = {"start": 1, "steps": 0}
best_lock = threading.Lock()
record = {"start": 1, "steps": 0}


def chain_length(n):
    steps = 0
    while n != 1:  # expect: GIL001
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1  # ok: GIL002
    return steps


def scan(lo, hi):
    global cache_misses
    for start in range(lo, hi):  # expect: GIL001
        if start not in cache:  # expect: GIL003
            cache[start] = chain_length(start)
            cache_misses += 1  # expect: GIL002
        steps = cache[start]
        with best_lock:
            if steps > best["steps"]:  # ok: GIL003
                best["start"], best["steps"] = start, steps
    top = max(range(lo, hi), key=cache.__getitem__)
    if cache[top] > record["steps"]:  # expect: GIL003
        record["start"], record["steps"] = top, cache[top]


def main():
    span = BOUND // WORKERS
    overlap = span // 4
    threads = []
    for w in range(WORKERS):
        lo = max(1, w * span - overlap)
        hi = min(BOUND, (w + 1) * span)
        threads.append(threading.Thread(target=scan, args=(lo, hi), name=f"scan-{w}"))
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    print(f"longest chain below {BOUND}: start={best['start']} steps={best['steps']}")
    print(f"record (unlocked):          start={record['start']} steps={record['steps']}")
    print(f"cache size {len(cache)}, misses counted {cache_misses}")
    assert best["steps"] == chain_length(best["start"])


if __name__ == "__main__":
    main()
