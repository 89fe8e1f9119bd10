"""Applies named filter strategies to synthetic greyscale tiles on a thread pool."""
import random
import sys
from concurrent.futures import ThreadPoolExecutor

TILE = 200
TILES = 4
WORKERS = 4
DEFAULT_PIPELINE = "blur,edges,copy"


def make_tile(seed):
    rng = random.Random(seed)
    return [[rng.randrange(256) for _ in range(TILE)] for _ in range(TILE)]


class BoxBlur:
    def apply(self, tile):
        n = len(tile)
        out = [row[:] for row in tile]
        for y in range(1, n - 1):  # expect: GIL001
            above, here, below = tile[y - 1], tile[y], tile[y + 1]
            for x in range(1, n - 1):
                acc = 0
                for row in (above, here, below):
                    acc += row[x - 1] + row[x] + row[x + 1]
                out[y][x] = acc // 9
        return out


class SobelEdges:
    def __init__(self, threshold):
        self.threshold = threshold

    def apply(self, tile):
        n = len(tile)
        out = [[0] * n for _ in range(n)]
        for y in range(1, n - 1):  # expect: GIL001
            a, b, c = tile[y - 1], tile[y], tile[y + 1]
            for x in range(1, n - 1):
                gx = (a[x + 1] + 2 * b[x + 1] + c[x + 1]) - (a[x - 1] + 2 * b[x - 1] + c[x - 1])
                gy = (c[x - 1] + 2 * c[x] + c[x + 1]) - (a[x - 1] + 2 * a[x] + a[x + 1])
                out[y][x] = 255 if abs(gx) + abs(gy) > self.threshold else 0
        return out


class Identity:
    def apply(self, tile):
        return [row[:] for row in tile]


FILTERS = {
    "blur": BoxBlur,
    "edges": lambda: SobelEdges(threshold=300),
    "copy": Identity,
}


def histogram(tile, bins=8):
    counts = [0] * bins
    for row in tile:  # ok: GIL001
        for value in row:
            counts[value * bins // 256] += 1
    return counts


def main():
    spec = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_PIPELINE
    strategies = {name: FILTERS[name]() for name in spec.split(",")}
    tiles = [make_tile(seed) for seed in range(TILES)]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        jobs = {
            (name, index): pool.submit(strategy.apply, tile)
            for name, strategy in strategies.items()
            for index, tile in enumerate(tiles)
        }
        results = {key: job.result() for key, job in jobs.items()}
    for (name, index), out in sorted(results.items()):
        print(f"{name:>5} tile {index}: {histogram(out)}")


if __name__ == "__main__":
    main()
