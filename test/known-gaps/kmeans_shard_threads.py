#!/usr/bin/env python3
"""Lloyd's k-means on 2-D points; the assignment step is split over Thread subclasses, one per shard."""
import math
import random
import threading


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.assignments = 0
        self.moved = 0


class AssignShard(threading.Thread):
    def __init__(self, points, offset, centroids, labels, stats):
        super().__init__(name=f"shard-{offset}")
        self.points = points
        self.offset = offset
        self.centroids = centroids
        self.labels = labels
        self.stats = stats
        self.sums = [[0.0, 0.0, 0] for _ in centroids]
        self.local_moves = 0

    def run(self):
        cents = self.centroids
        k = len(cents)
        for i, (x, y) in enumerate(self.points):  # expect: GIL001
            j = min(range(k), key=lambda c: (x - cents[c][0]) ** 2 + (y - cents[c][1]) ** 2)
            acc = self.sums[j]
            acc[0] += x  # ok: GIL002
            acc[1] += y
            acc[2] += 1
            if self.labels[self.offset + i] != j:
                self.labels[self.offset + i] = j
                self.local_moves += 1  # ok: GIL002
        self.stats.assignments += len(self.points)  # expect: GIL002
        with self.stats.lock:
            self.stats.moved += self.local_moves  # ok: GIL002


def make_blobs(seed, per_blob=500):
    rng = random.Random(seed)
    centres = [(0, 0), (6, 1), (2, 7), (8, 8)]
    return [(cx + rng.gauss(0, 1), cy + rng.gauss(0, 1)) for cx, cy in centres for _ in range(per_blob)]


def kmeans(points, k=4, iters=10, shards=4):
    centroids = random.Random(3).sample(points, k)
    labels = [-1] * len(points)
    stats = Stats()
    step = math.ceil(len(points) / shards)
    for it in range(iters):
        before = stats.moved
        workers = [AssignShard(points[o:o + step], o, centroids, labels, stats)
                   for o in range(0, len(points), step)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        new_centroids = []
        for j in range(k):  # ok: GIL001
            sx = sum(w.sums[j][0] for w in workers)
            sy = sum(w.sums[j][1] for w in workers)
            n = sum(w.sums[j][2] for w in workers) or 1
            new_centroids.append((sx / n, sy / n))
        centroids = new_centroids
        moved = stats.moved - before
        print(f"iter {it}: {moved} points changed cluster")
        if moved == 0:
            break
    return centroids, labels, stats


if __name__ == "__main__":
    pts = make_blobs(42)
    random.Random(1).shuffle(pts)
    cents, labs, st = kmeans(pts)
    for c in sorted(cents):
        print("centroid (%.2f, %.2f) size %d" % (c[0], c[1], labs.count(cents.index(c))))
    print("assignments counted:", st.assignments)
