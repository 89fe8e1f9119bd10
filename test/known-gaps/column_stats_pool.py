"""Pairwise correlations and bootstrap intervals for the columns of a survey table.

Columns are winsorized in place, one thread per column. Correlations are pure-Python
loops over column pairs mapped over a thread pool with functools.partial; bootstrap
resampling goes to a process pool instead. Finished pairs are counted in a shared
global; each task stores the result under its own key.
"""
import functools
import itertools
import math
import random
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed

COLUMNS = ("age", "income", "commute", "sleep", "screen")
ROWS = 150_000
RESAMPLES = 40
SAMPLE = 5_000

pairs_done = 0
correlations = {}
resamples_run = 0


def build_table(rows, seed=3):
    rng = random.Random(seed)
    table = {name: [] for name in COLUMNS}
    for _ in range(rows):  # ok: GIL001
        base = rng.gauss(0.0, 1.0)
        for k, name in enumerate(COLUMNS):
            table[name].append(base * (k % 3) + rng.gauss(0.0, 1.0))
    return table


def winsorize(column, lo, hi):
    for i, v in enumerate(column):  # expect: GIL001
        if v < lo:
            column[i] = lo  # ok: GIL002
        elif v > hi:
            column[i] = hi


def pearson(table, pair):
    global pairs_done
    xs, ys = table[pair[0]], table[pair[1]]
    n = len(xs)
    sx = sy = sxx = syy = sxy = 0.0
    for x, y in zip(xs, ys):  # expect: GIL001
        sx += x
        sy += y
        sxx += x * x
        syy += y * y
        sxy += x * y
    r = (n * sxy - sx * sy) / math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy))
    correlations[pair] = r  # ok: GIL002
    pairs_done += 1  # expect: GIL002
    return pair, r


def bootstrap_means(column, seed, resamples):
    global resamples_run
    rng = random.Random(seed)
    means = []
    for _ in range(resamples):  # ok: GIL001
        total = 0.0
        for _ in range(len(column)):
            total += column[rng.randrange(len(column))]
        means.append(total / len(column))
        resamples_run += 1  # ok: GIL002
    return means


def quantiles(means):
    ordered = sorted(means)
    return [ordered[int(q * (len(ordered) - 1))] for q in (0.025, 0.5, 0.975)]  # ok: GIL001


def analyse(rows, resamples):
    table = build_table(rows)
    cleaners = [threading.Thread(target=winsorize, args=(table[name], -3.0, 3.0)) for name in COLUMNS]
    for t in cleaners:
        t.start()
    for t in cleaners:
        t.join()
    with ThreadPoolExecutor(max_workers=4) as tpool:
        list(tpool.map(functools.partial(pearson, table), itertools.combinations(COLUMNS, 2)))
    with ProcessPoolExecutor(max_workers=2) as ppool:
        futures = {ppool.submit(bootstrap_means, table[name][:SAMPLE], seed, resamples): name
                   for seed, name in enumerate(COLUMNS)}
        means = {futures[f]: f.result() for f in as_completed(futures)}
    with ThreadPoolExecutor(max_workers=2) as tpool:
        intervals = {name: tpool.submit(quantiles, m) for name, m in means.items()}
    return {name: f.result() for name, f in intervals.items()}


if __name__ == "__main__":
    cis = analyse(ROWS, RESAMPLES)
    for (a, b), r in sorted(correlations.items()):
        print(f"r({a}, {b}) = {r:+.3f}")
    for name, (lo, mid, hi) in cis.items():
        print(f"{name:<8} mean {mid:+.3f}  95% CI [{lo:+.3f}, {hi:+.3f}]")
    print(f"{pairs_done} pairs")
