"""Site percolation on an N x N grid: spanning probability near the threshold (p_c ~ 0.593)."""
import random
import threading
from itertools import compress

N = 40
PROBS = [0.55, 0.59, 0.63]
TRIALS_PER_P = 4

largest = [0, None]  # biggest spanning-search cluster seen so far, and its p
spanning = {}  # p -> number of trials whose top cluster reached the bottom row
trials_done = 0


def build_grid(p, seed):
    rng = random.Random(seed)
    return [rng.random() < p for _ in range(N * N)]  # expect: GIL001


def top_cluster(open_sites):
    """Flood fill from every open site in the top row; returns (spans, cluster size)."""
    stack = list(compress(range(N), open_sites[:N]))
    seen = set(stack)

    def push(j):
        if open_sites[j] and j not in seen:  # ok: GIL003
            seen.add(j)
            stack.append(j)

    size = 0
    reached_bottom = False
    while stack:  # expect: GIL001
        k = stack.pop()
        size += 1
        x, y = k % N, k // N
        if y == N - 1:
            reached_bottom = True
        if x > 0:
            push(k - 1)
        if x < N - 1:
            push(k + 1)
        if y > 0:
            push(k - N)
        if y < N - 1:
            push(k + N)
    return reached_bottom, size


def run_trial(p, seed):
    global trials_done
    grid = build_grid(p, seed)
    spans, size = top_cluster(grid)
    if size > largest[0]:  # expect: GIL003
        largest[0] = size
        largest[1] = p
    spanning[p] = spanning.get(p, 0) + int(spans)  # expect: GIL002
    trials_done += 1  # expect: GIL002


def main():
    threads = []
    for p in PROBS:
        spanning[p] = 0  # ok: GIL002
        for t in range(TRIALS_PER_P):
            seed = hash((p, t)) & 0xFFFF
            threads.append(threading.Thread(target=lambda p=p, s=seed: run_trial(p, s)))
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    print(f"{trials_done} trials on a {N}x{N} grid")
    for p in PROBS:
        print(f"  p={p:.2f}: spanning in {spanning[p]}/{TRIALS_PER_P} trials")
    print(f"largest top-connected cluster: {largest[0]} sites at p={largest[1]}")


if __name__ == "__main__":
    main()
