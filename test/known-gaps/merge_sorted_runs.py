"""Parallel merge: sort four runs of 200,000 floats, then merge pairs of runs in threads."""
import random
import threading
import time


def merge(a, b):
    out = []
    i = j = 0
    while i < len(a) and j < len(b):  # expect: GIL001
        if a[i] <= b[j]:
            out.append(a[i])
            i += 1  # ok: GIL002
        else:
            out.append(b[j])
            j += 1
    out.extend(a[i:])
    out.extend(b[j:])
    return out


def merge_round(runs):
    merged = [None] * (len(runs) // 2)
    threads = []
    for k in range(len(merged)):
        def job(k=k):
            merged[k] = merge(runs[2 * k], runs[2 * k + 1])  # ok: GIL002
        threads.append(threading.Thread(target=job, name=f"merge-{k}"))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return merged


if __name__ == "__main__":
    rng = random.Random(1)
    data = [rng.random() for _ in range(800_000)]
    runs = [sorted(data[i:i + 200_000]) for i in range(0, 800_000, 200_000)]

    start = time.perf_counter()
    single = merge(merge(runs[0], runs[1]), merge(runs[2], runs[3]))
    sequential = time.perf_counter() - start

    start = time.perf_counter()
    level = runs
    while len(level) > 1:
        level = merge_round(level)
    threaded = time.perf_counter() - start

    print(f"sequential merge {sequential:.3f}s, threaded rounds {threaded:.3f}s, "
          f"speed-up {sequential / threaded:.2f}x")
    print(f"results agree: {level[0] == single}, sorted: {single == sorted(data)}")
