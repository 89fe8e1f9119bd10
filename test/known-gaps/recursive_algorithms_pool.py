"""Run classic recursive algorithms side by side in a thread pool."""
import itertools
from math import dist
from concurrent.futures import ThreadPoolExecutor

CITIES = [(0, 0), (3, 7), (6, 2), (9, 9), (1, 5), (8, 4), (4, 8), (7, 1), (2, 3)]
NUMBERS = [(i * 7_919) % 100_003 for i in range(50_000)]  # ok: GIL001


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def fib_table(lo, hi):
    return [fib(n) for n in range(lo, hi)]  # expect: GIL001


def merge_sort(items):
    if len(items) <= 1:
        return items
    mid = len(items) // 2
    left, right = merge_sort(items[:mid]), merge_sort(items[mid:])
    merged, i, j = [], 0, 0
    while i < len(left) and j < len(right):  # expect: GIL001
        take_left = left[i] <= right[j]
        merged.append(left[i] if take_left else right[j])
        i, j = (i + 1, j) if take_left else (i, j + 1)
    return merged + left[i:] + right[j:]


def shortest_tour(n_cities):
    best = (float("inf"), None)
    for order in itertools.permutations(range(1, n_cities)):  # expect: GIL001
        length = sum(dist(CITIES[a], CITIES[b]) for a, b in itertools.pairwise((0, *order, 0)))
        best = min(best, (length, order))
    return best


def anagrams(word):
    return sorted({"".join(p) for p in itertools.permutations(word)})  # ok: GIL001


with ThreadPoolExecutor(max_workers=4) as pool:
    fibs = pool.submit(fib_table, 18, 27)
    ordered = pool.submit(merge_sort, NUMBERS)
    tour = pool.submit(shortest_tour, len(CITIES))
    words = pool.submit(anagrams, "abc")
    print(f"fib(18..26) = {fibs.result()}; anagrams: {words.result()}")
    print(f"sorted ok: {ordered.result() == sorted(NUMBERS)}; best tour: {tour.result()}")
