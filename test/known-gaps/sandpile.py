"""Abelian sandpile (Bak-Tang-Wiesenfeld): several piles of different sizes
are poured and relaxed on a thread pool, then their avalanche sizes compared."""
import functools
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

PILE_SIZES = (21, 29, 41)
GRAINS = 2000            # poured on the centre cell -> 50,000-75,000 topplings per pile
NEIGHBOURS = ((1, 0), (-1, 0), (0, 1), (0, -1))


@dataclass
class Sandpile:
    size: int
    heights: list = field(init=False)
    topples: int = 0
    lost: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self):
        self.heights = [[0] * self.size for _ in range(self.size)]

    def pour(self, grains):
        mid = self.size // 2
        self.heights[mid][mid] += grains

    def relax(self):
        n = self.size
        h = self.heights
        stack = [(n // 2, n // 2)]
        topples = lost = 0
        while stack:  # expect: GIL001
            r, c = stack.pop()
            if h[r][c] < 4:
                continue
            q, h[r][c] = divmod(h[r][c], 4)
            topples += q
            for dr, dc in NEIGHBOURS:
                rr, cc = r + dr, c + dc
                if 0 <= rr < n and 0 <= cc < n:
                    h[rr][cc] += q
                    if h[rr][cc] >= 4:
                        stack.append((rr, cc))
                else:
                    lost += q
        with self.lock:
            self.topples += topples  # ok: GIL002
            self.lost += lost
        return topples


def settle(pile, grains):
    pile.pour(grains)
    return pile.relax()


def mass_on_table(pile):
    pile.lock.acquire()  # expect: GIL005
    if pile.topples < 0:
        return None
    total = sum(map(sum, pile.heights))
    pile.lock.release()
    return total


def lost_grains(pile):
    pile.lock.acquire()  # ok: GIL005
    try:
        return pile.lost
    finally:
        pile.lock.release()


def main():
    piles = [Sandpile(n) for n in PILE_SIZES]
    with ThreadPoolExecutor(max_workers=3) as pool:
        avalanches = list(pool.map(functools.partial(settle, grains=GRAINS), piles))
    for pile, topples in zip(piles, avalanches):
        print(f"{pile.size}x{pile.size}: {topples} topplings, "
              f"{mass_on_table(pile)} grains left, {lost_grains(pile)} fell off")


if __name__ == "__main__":
    main()
