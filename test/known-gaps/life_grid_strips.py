"""Game of Life on a 120x120 torus: one Thread subclass per strip of rows, a Barrier per generation."""
import random
import threading

ROWS, COLS = 120, 120
GENERATIONS = 20
STRIPS = 4

random.seed(11)
grids = [
    [[1 if random.random() < 0.3 else 0 for _ in range(COLS)] for _ in range(ROWS)],
    [[0] * COLS for _ in range(ROWS)],
]
barrier = threading.Barrier(STRIPS)


def live_neighbours(grid, r, c):
    total = 0
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            if dr or dc:
                total += grid[(r + dr) % ROWS][(c + dc) % COLS]  # ok: GIL002
    return total


class StripWorker(threading.Thread):
    def __init__(self, first_row, last_row):
        super().__init__(name=f"strip-{first_row}")
        self.first_row = first_row
        self.last_row = last_row
        self.births = 0

    def run(self):
        for gen in range(GENERATIONS):  # expect: GIL001
            src, dst = grids[gen % 2], grids[(gen + 1) % 2]
            for r in range(self.first_row, self.last_row):
                for c in range(COLS):
                    n = live_neighbours(src, r, c)
                    alive = src[r][c]
                    dst[r][c] = 1 if n == 3 or (alive and n == 2) else 0  # ok: GIL002
                    if not alive and n == 3:
                        self.births += 1  # ok: GIL002
            barrier.wait()


if __name__ == "__main__":
    step = ROWS // STRIPS
    workers = [StripWorker(r, r + step) for r in range(0, ROWS, step)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    final = grids[GENERATIONS % 2]
    population = sum(sum(row) for row in final)
    print(f"after {GENERATIONS} generations: population {population}, "
          f"births per strip {[w.births for w in workers]}")
