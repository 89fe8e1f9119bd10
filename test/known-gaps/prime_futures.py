# Models a batch job counting primes per number range, fanned out to executors and gathered with as_completed.
import hashlib
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed

CHUNK = 40_000
progress = {"done": 0, "primes": 0}


def count_primes(lo, hi):
    """Trial division, odd divisors only."""
    found = 0
    for n in range(lo, hi):  # expect: GIL001
        if n < 2 or (n % 2 == 0 and n != 2):
            continue
        d = 3
        while d * d <= n:
            if n % d == 0:
                break
            d += 2
        else:
            found += 1  # ok: GIL002
    return found


def sieve_segment(lo, hi):
    """Segmented sieve; run in worker processes."""
    flags = bytearray([1]) * (hi - lo)
    p = 2
    while p * p < hi:  # ok: GIL001
        start = max(p * p, (lo + p - 1) // p * p)
        flags[start - lo::p] = bytes(len(range(start, hi, p)))
        p += 1
    return sum(flags) - sum(1 for n in range(lo, min(hi, 2)))


def fingerprint(blocks):
    digest = hashlib.sha256()
    for block in blocks:  # ok: GIL001
        digest.update(block)
    return digest.hexdigest()[:16]


def longest_collatz(bounds):
    lo, hi = bounds
    best, best_len = lo, 0
    for start in range(lo, hi):  # expect: GIL001
        n, steps = start, 0
        while n != 1:
            n = n // 2 if n % 2 == 0 else 3 * n + 1
            steps += 1  # ok: GIL002
        if steps > best_len:
            best, best_len = start, steps
    return best, best_len


def on_done(future):
    progress["done"] += 1  # expect: GIL002
    progress["primes"] += future.result()  # expect: GIL002


def main():
    ranges = [(i * CHUNK, (i + 1) * CHUNK) for i in range(4)]

    by_threads = 0
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {pool.submit(count_primes, lo, hi): (lo, hi) for lo, hi in ranges}
        for fut in futures:
            fut.add_done_callback(on_done)
        for fut in as_completed(futures):
            lo, hi = futures[fut]
            by_threads += fut.result()  # ok: GIL002
            print(f"  threads: [{lo}, {hi}) done")

    by_processes = 0
    with ProcessPoolExecutor(max_workers=2) as procs:
        futures = [procs.submit(sieve_segment, lo, hi) for lo, hi in ranges]
        for fut in as_completed(futures):
            by_processes += fut.result()  # ok: GIL002

    blocks = [bytes([i]) * (1 << 20) for i in range(8)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        prints = list(pool.map(fingerprint, [blocks[:4], blocks[4:]]))
        chains = list(pool.map(longest_collatz, [(1, 5_000), (5_000, 10_000)]))

    print(f"primes below {4 * CHUNK}: threads={by_threads} processes={by_processes}")
    print(f"longest collatz chains: {chains}")
    print(f"callbacks saw {progress['done']} chunks / {progress['primes']} primes; prints={prints}")


if __name__ == "__main__":
    main()
