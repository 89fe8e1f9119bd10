"""Count primes in ranges with threads started from functools.partial targets.

The tutorial "threads don't speed up CPU work" exercise: ranges are split
across threads, results come back through a queue.Queue, and a progress
dict is shared by all workers.
"""
import functools
import queue
import threading
import time

progress = {"ranges_done": 0, "numbers_checked": 0}


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:  # expect: GIL001
        if n % d == 0:
            return False
        d += 2  # ok: GIL002
    return True


def count_range(lo, hi, tag, results):
    found = 0
    for n in range(lo, hi):  # expect: GIL001
        if is_prime(n):
            found += 1  # ok: GIL002
    progress["numbers_checked"] += hi - lo  # expect: GIL002
    progress["ranges_done"] = progress["ranges_done"] + 1  # expect: GIL002
    results.put((tag, found))


def split(limit, parts):
    step = limit // parts
    return [(i * step, (i + 1) * step if i < parts - 1 else limit) for i in range(parts)]


def run_threads(limit, parts):
    results = queue.Queue()
    threads = []
    for idx, (lo, hi) in enumerate(split(limit, parts)):
        target = functools.partial(count_range, results=results)
        threads.append(threading.Thread(target=target, args=(lo, hi, f"r{idx}")))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    per_range = dict(results.get() for _ in threads)
    return sum(per_range.values()), per_range


def main():
    limit = 60_000
    # Sanity-check the helper in the main thread first.
    assert [n for n in range(20) if is_prime(n)] == [2, 3, 5, 7, 11, 13, 17, 19]

    for parts in (1, 4):
        start = time.perf_counter()
        total, per_range = run_threads(limit, parts)
        print(f"threads={parts}: pi({limit})={total} {per_range} "
              f"{time.perf_counter() - start:.3f}s")
    print("progress:", progress)


if __name__ == "__main__":
    main()
