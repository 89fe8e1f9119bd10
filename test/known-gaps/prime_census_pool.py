"""Count primes in ranges with a ThreadPoolExecutor and a census object.

The census is shared by every pool thread; its bound method is what gets
submitted.  Trial division is pure Python, so the GIL serialises it.
"""
import threading
from concurrent.futures import ThreadPoolExecutor

UPPER = 60_000
SLICES = 6


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


class PrimeCensus:
    def __init__(self, upper, slices):
        step = upper // slices
        self.ranges = [(k * step, (k + 1) * step) for k in range(slices)]
        self.ranges_done = 0
        self.largest = 0
        self.twin_pairs = 0
        self.lock = threading.Lock()

    def count_range(self, bounds):
        lo, hi = bounds
        found = 0
        biggest = 0
        previous = None
        twins = 0
        for n in range(lo, hi):  # expect: GIL001
            if is_prime(n):
                found += 1  # ok: GIL002
                if previous is not None and n - previous == 2:
                    twins += 1  # ok: GIL002
                previous = n
                biggest = n
        self.ranges_done += 1  # expect: GIL002
        with self.lock:
            self.twin_pairs += twins  # ok: GIL002
            if biggest > self.largest:  # ok: GIL003
                self.largest = biggest
        return found


def main():
    census = PrimeCensus(UPPER, SLICES)
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(census.count_range, r) for r in census.ranges]
        per_slice = [f.result() for f in futures]
    for (lo, hi), count in zip(census.ranges, per_slice):
        print(f"[{lo:>6}, {hi:>6}) -> {count} primes")
    print("total primes:", sum(per_slice))
    print("largest prime:", census.largest)
    print("twin pairs (within slices):", census.twin_pairs)
    print("slices finished:", census.ranges_done)


if __name__ == "__main__":
    main()
