# Models a number-lookup service whose prime table is rebuilt in the background by threading.Timer.
"""A Timer callback that runs a pure-Python sieve competes with the request loop for the GIL."""
import functools
import threading
import time


def build_prime_table(limit):
    flags = [True] * (limit + 1)
    flags[0] = flags[1] = False
    for i in range(2, int(limit ** 0.5) + 1):  # expect: GIL001
        if flags[i]:
            for j in range(i * i, limit + 1, i):
                flags[j] = False
    return flags


class PrimeService:
    def __init__(self):
        self.lock = threading.Lock()
        self.flags = build_prime_table(1_000)
        self.lookups = 0
        self.refreshes = 0

    def is_prime(self, n):
        with self.lock:
            self.lookups += 1  # ok: GIL002
            flags = self.flags
        return n < len(flags) and flags[n]

    def refresh(self, limit):
        table = build_prime_table(limit)
        with self.lock:
            self.flags = table
            self.refreshes += 1  # ok: GIL002


def report_twin_primes(service, results):
    flags = service.flags
    twins = 0
    for n in range(3, len(flags) - 2, 2):  # expect: GIL001
        if flags[n] and flags[n + 2]:
            twins += 1  # ok: GIL002
    results["twins"] = twins


def main():
    service = PrimeService()
    results = {}
    refresh = threading.Timer(0.02, service.refresh, args=(600_000,))
    refresh.start()

    answered = 0
    start = time.perf_counter()
    for n in range(500_003, 500_103, 2):
        if service.is_prime(n):
            answered += 1
        time.sleep(0.005)
    refresh.join()
    twins = threading.Timer(0.01, functools.partial(report_twin_primes, service, results))
    twins.start()
    twins.join()
    print(f"{answered} primes seen while serving, {service.lookups} lookups, "
          f"{service.refreshes} refresh(es) in {time.perf_counter() - start:.2f}s")
    print(f"twin prime pairs below {len(service.flags) - 1}: {results['twins']}")


if __name__ == "__main__":
    main()
