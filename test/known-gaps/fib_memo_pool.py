"""Fibonacci numbers mod a prime from a ThreadPoolExecutor, all tasks sharing one memo dict."""
import time
from concurrent.futures import ThreadPoolExecutor

MOD = 1_000_000_007
memo = {0: 0, 1: 1}
stats = {"computed": 0}


def fib(n):
    if n not in memo:  # expect: GIL003
        memo[n] = (fib(n - 1) + fib(n - 2)) % MOD
        stats["computed"] += 1  # expect: GIL002
    return memo[n]


def describe(n):
    value = fib(n)
    return n, value, len(str(value))


if __name__ == "__main__":
    targets = list(range(575, 0, -25))
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(describe, targets))
    elapsed = time.perf_counter() - start
    for n, value, digits in results[:5]:
        print(f"fib({n}) mod p = {value} ({digits} digits)")
    print(f"{len(results)} tasks in {elapsed * 1000:.1f} ms")
    print(f"memo entries computed: {stats['computed']} (distinct: {len(memo) - 2})")
