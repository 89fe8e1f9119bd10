#!/usr/bin/env python3
"""Pairwise Pearson correlation matrix for a small feature table, pairs computed on a thread pool."""
import hashlib
import itertools
import math
import random
import threading
from concurrent.futures import ThreadPoolExecutor

_col_stats = {}
_pair_cache = {}
_pair_lock = threading.Lock()
pairs_computed = 0


def column_stats(name, col):
    if name not in _col_stats:  # expect: GIL003
        m = sum(col) / len(col)
        var = sum((x - m) ** 2 for x in col)  # expect: GIL001
        _col_stats[name] = (m, math.sqrt(var))
    return _col_stats[name]


def pearson(pair, columns):
    global pairs_computed
    x_name, y_name = pair
    xs, ys = columns[x_name], columns[y_name]
    mx, sx = column_stats(x_name, xs)
    my, sy = column_stats(y_name, ys)
    cov = 0.0
    for x, y in zip(xs, ys):  # expect: GIL001
        cov += (x - mx) * (y - my)  # ok: GIL002
    r = cov / (sx * sy)
    with _pair_lock:
        if pair not in _pair_cache:  # ok: GIL003
            _pair_cache[pair] = r
        pairs_computed += 1  # ok: GIL002
    return pair, r


def make_table(n=3000, seed=8):
    rng = random.Random(seed)
    base = [rng.gauss(0, 1) for _ in range(n)]
    noise = lambda: rng.gauss(0, 1)
    return {
        "height": [b * 10 + 170 for b in base],
        "weight": [b * 8 + 70 + 4 * noise() for b in base],
        "shoe": [b * 1.5 + 42 + noise() for b in base],
        "income": [rng.lognormvariate(10, 0.5) for _ in range(n)],
        "commute": [abs(rng.gauss(30, 12)) for _ in range(n)],
    }


def main():
    columns = make_table()
    names = list(columns)
    pairs = list(itertools.combinations(names, 2))
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(pool.map(lambda p: pearson(p, columns), pairs))
    print(" " * 8 + "".join(f"{n:>9s}" for n in names))
    for a in names:
        cells = []
        for b in names:
            r = 1.0 if a == b else results.get((a, b), results.get((b, a)))
            cells.append(f"{r:9.3f}")
        print(f"{a:8s}" + "".join(cells))
    fingerprint = hashlib.md5(repr(sorted(results.items())).encode()).hexdigest()
    print("pairs:", pairs_computed, "fingerprint:", fingerprint[:12])


if __name__ == "__main__":
    main()
