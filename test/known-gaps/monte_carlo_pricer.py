"""Price a strip of European calls by Monte Carlo on a home-made parallel map."""
import functools
import math
import queue
import random
import threading

PATHS = 60_000
SPOT = 100.0
STRIKES = [80, 90, 100, 110, 120, 130]


def parallel_map(fn, items, workers=4, on_done=None):
    items = list(items)
    results = [None] * len(items)
    todo = queue.Queue()
    for i in range(len(items)):
        todo.put(i)

    def worker():
        while True:
            try:
                i = todo.get_nowait()
            except queue.Empty:
                return
            results[i] = fn(items[i])
            if on_done is not None:
                on_done(i)

    threads = [threading.Thread(target=worker, name=f"mc-{n}") for n in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def price_call(strike, *, spot, vol, rate, maturity):
    rng = random.Random(strike)
    drift = (rate - 0.5 * vol * vol) * maturity
    scale = vol * math.sqrt(maturity)
    payoffs = [max(spot * math.exp(drift + scale * rng.gauss(0.0, 1.0)) - strike, 0.0) for _ in range(PATHS)]  # expect: GIL001
    return math.exp(-rate * maturity) * math.fsum(payoffs) / PATHS


def black_scholes(strike, *, spot, vol, rate, maturity):
    d1 = (math.log(spot / strike) + (rate + 0.5 * vol * vol) * maturity) / (vol * math.sqrt(maturity))
    d2 = d1 - vol * math.sqrt(maturity)
    cdf = lambda x: 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))
    return spot * cdf(d1) - strike * math.exp(-rate * maturity) * cdf(d2)


def main():
    market = dict(spot=SPOT, vol=0.25, rate=0.03, maturity=0.5)
    pricer = functools.partial(price_call, **market)
    finished = 0

    def progress(i):
        nonlocal finished
        finished += 1  # expect: GIL002
        print(f"  strike {STRIKES[i]} priced")

    prices = parallel_map(pricer, STRIKES, workers=3, on_done=progress)
    print(f"{finished} of {len(STRIKES)} strikes done")
    for strike, mc in zip(STRIKES, prices):
        exact = black_scholes(strike, **market)
        print(f"K={strike:4d} mc={mc:8.4f} bs={exact:8.4f} err={mc - exact:+.4f}")


if __name__ == "__main__":
    main()
