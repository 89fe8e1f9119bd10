"""Survey maximal prime gaps below several limits, sharing sieves through a class-level cache."""
import itertools
import threading
from concurrent.futures import ThreadPoolExecutor

LIMITS = (1_000_000, 2_000_000, 1_000_000, 1_500_000, 2_000_000)


class SieveCache:
    _sieves = {}
    _lock = threading.Lock()
    hits = 0
    misses = 0

    @classmethod
    def primes_below(cls, limit):
        with cls._lock:
            cached = cls._sieves.get(limit)
        if cached is not None:
            cls.hits += 1  # expect: GIL002
            return cached
        flags = bytearray([1]) * limit
        flags[0:2] = b"\x00\x00"
        for p in range(2, int(limit ** 0.5) + 1):  # ok: GIL001
            if flags[p]:
                flags[p * p::p] = bytes(len(range(p * p, limit, p)))
        primes = list(itertools.compress(range(limit), flags))
        with cls._lock:
            cls._sieves[limit] = primes
            cls.misses += 1  # ok: GIL002
        return primes


def survey_gaps(limit):
    primes = SieveCache.primes_below(limit)
    histogram = {}
    widest, where = 0, 0
    for a, b in zip(primes, primes[1:]):  # expect: GIL001
        gap = b - a
        histogram[gap] = histogram.get(gap, 0) + 1  # ok: GIL002
        if gap > widest:
            widest, where = gap, a
    return limit, len(primes), widest, where, histogram


def main():
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(survey_gaps, LIMITS))
    for limit, count, widest, where, histogram in results:
        twins = histogram.get(2, 0)
        print(f"below {limit:>9,}: {count:>7,} primes, {twins:>6,} twin pairs, "
              f"widest gap {widest} after {where:,}")
    print(f"sieve cache: {SieveCache.hits} hits, {SieveCache.misses} misses")


if __name__ == "__main__":
    main()
