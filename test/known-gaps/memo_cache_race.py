#!/usr/bin/env python3
"""Shipping-quote service with a memo cache: three caching strategies under threads.

A shared dict cache filled with an unlocked "if missing: compute and store"
can compute the same route twice; the locked version cannot; a per-thread
cache (threading.local) needs no lock at all.  The process phase gives every
worker process its own private cache.
"""
import random
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

ROUTES = 30               # distinct routes
REQUESTS = 200            # quote requests per worker
WORKERS = 4
RATE_STEPS = 100          # cheap tariff steps per quote computation

quote_cache = {}
cache_lock = threading.Lock()
per_thread = threading.local()
computations = []         # list.append is atomic; used to count cache misses


def compute_quote(route):
    cost = 0
    for km in range(RATE_STEPS):  # ok: GIL001
        cost += (km * route) % 13
    computations.append(route)
    return cost


def quote_unsafe(route):
    if route not in quote_cache:  # expect: GIL003
        quote_cache[route] = compute_quote(route)
    return quote_cache[route]


def quote_locked(route):
    with cache_lock:
        if route not in quote_cache:  # ok: GIL003
            quote_cache[route] = compute_quote(route)
        return quote_cache[route]


def quote_thread_local(route):
    cache = per_thread.__dict__.setdefault("cache", {})
    if route not in cache:  # ok: GIL003
        cache[route] = compute_quote(route)
    return cache[route]


def serve(strategy, seed):
    rng = random.Random(seed)
    return sum(strategy(rng.randrange(ROUTES)) for _ in range(REQUESTS))


def serve_in_process(seed):
    return serve(quote_locked, seed)


def run_phase(label, runner):
    quote_cache.clear()
    computations.clear()
    start = time.perf_counter()
    total = runner()
    ms = (time.perf_counter() - start) * 1000
    print(f"{label:<24} {ms:6.1f} ms  total={total}  computed={len(computations)}")
    return total


def threaded(strategy):
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return sum(pool.map(serve, [strategy] * WORKERS, range(WORKERS)))


if __name__ == "__main__":
    seq = run_phase("sequential", lambda: sum(serve(quote_unsafe, s) for s in range(WORKERS)))
    results = [
        run_phase("threads, unlocked cache", lambda: threaded(quote_unsafe)),
        run_phase("threads, locked cache", lambda: threaded(quote_locked)),
        run_phase("threads, thread-local", lambda: threaded(quote_thread_local)),
    ]
    with ProcessPoolExecutor(max_workers=2) as pool:
        results.append(run_phase("process pool", lambda: sum(pool.map(serve_in_process, range(WORKERS)))))
    assert all(r == seq for r in results), results
    print("every strategy quoted the same totals")
