"""k-means on 2-D points: the assignment step is split by stride over a thread pool, merged under a lock."""
import itertools
import random
import threading
from concurrent.futures import ThreadPoolExecutor

POINTS = 100_000
K = 8
WORKERS = 4
ITERATIONS = 4

random.seed(21)
centres = [(random.uniform(-50, 50), random.uniform(-50, 50)) for _ in range(K)]
points = [(cx + random.gauss(0, 6), cy + random.gauss(0, 6))
          for cx, cy in (random.choice(centres) for _ in range(POINTS))]

assignments = [-1] * POINTS
moved = [0] * WORKERS
sums = [[0.0, 0.0, 0] for _ in range(K)]
merge_lock = threading.Lock()


def nearest(x, y, centroids):
    best, best_d = 0, float("inf")
    for c, (cx, cy) in enumerate(centroids):
        d = (x - cx) ** 2 + (y - cy) ** 2
        if d < best_d:
            best, best_d = c, d
    return best


def assign_stride(k, centroids):
    local = [[0.0, 0.0, 0] for _ in range(K)]
    local_moved = 0
    for i in range(k, POINTS, WORKERS):  # expect: GIL001
        x, y = points[i]
        c = nearest(x, y, centroids)
        if assignments[i] != c:  # ok: GIL003
            assignments[i] = c  # ok: GIL002
            local_moved += 1  # ok: GIL002
        acc = local[c]
        acc[0] += x  # ok: GIL002
        acc[1] += y
        acc[2] += 1
    with merge_lock:
        for c in range(K):
            sums[c][0] += local[c][0]  # ok: GIL002
            sums[c][1] += local[c][1]
            sums[c][2] += local[c][2]  # ok: GIL002
    moved[k] = local_moved  # ok: GIL002


if __name__ == "__main__":
    centroids = random.sample(points, K)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for step in range(ITERATIONS):
            for s in sums:
                s[:] = [0.0, 0.0, 0]
            list(pool.map(assign_stride, range(WORKERS), itertools.repeat(centroids)))
            centroids = [(sx / n, sy / n) if n else centroids[c]
                         for c, (sx, sy, n) in enumerate(sums)]
            print(f"iteration {step}: moved {sum(moved)} points ({moved})")
    sizes = sorted(n for _, _, n in sums)
    print(f"cluster sizes: {sizes} (total {sum(sizes)} of {POINTS})")
