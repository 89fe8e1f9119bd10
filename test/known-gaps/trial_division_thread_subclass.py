"""Count primes below LIMIT by trial division; each PrimeCounter thread takes one chunk."""
import threading

LIMIT = 200_000
CHUNKS = 4
prime_total = 0


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:  # ok: GIL001
        if n % d == 0:
            return False
        d += 2
    return True


class PrimeCounter(threading.Thread):
    def __init__(self, lo, hi):
        super().__init__(name=f"primes-{lo}")
        self.lo, self.hi = lo, hi
        self.count = 0

    def run(self):
        global prime_total
        for n in range(self.lo, self.hi):  # expect: GIL001
            if is_prime(n):
                self.count += 1  # ok: GIL002
        prime_total += self.count  # expect: GIL002


def first_factors(limit, out):
    for n in range(2, limit):  # ok: GIL001
        out.append(next(d for d in range(2, n + 1) if n % d == 0))


step = LIMIT // CHUNKS
counters = [PrimeCounter(k * step, (k + 1) * step) for k in range(CHUNKS)]
factors = []
helper = threading.Thread(target=first_factors, args=(40, factors))
for t in counters + [helper]:
    t.start()
for t in counters + [helper]:
    t.join()
print(f"primes below {LIMIT}: {prime_total} (expected {sum(c.count for c in counters)})")
print(f"smallest factors of 2..39: {factors}")
