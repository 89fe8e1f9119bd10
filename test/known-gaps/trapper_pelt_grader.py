"""Fur pelt grading at a trading company: one grader thread per trapper's bundle.

Pelts flow through a small generator pipeline (read -> normalise) and each one is graded
by scanning a synthetic guard-hair density grid.  Grade counts are kept in a module-level
dict; per-thread scratch counters live on a threading.local.
"""
import logging
import random
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("trapper.grading")

GRADE_COUNTS = {}
_scratch = threading.local()

GRADER_CONFIGS = [
    {"entry": "run_batch", "trapper": "Beaulieu", "seed": 11, "pelts": 36, "grid": 80},
    {"entry": "run_batch", "trapper": "McTavish", "seed": 12, "pelts": 30, "grid": 80},
    {"entry": "run_batch", "trapper": "Two Rivers", "seed": 13, "pelts": 33, "grid": 80},
]


@dataclass
class Pelt:
    tag: str
    species: str
    length_cm: float
    width_cm: float
    prime: bool
    seed: int

    @property
    def area(self):
        return self.length_cm * self.width_cm

    @property
    def is_large(self):
        return self.area > 1800


@dataclass
class Grade:
    tag: str
    species: str
    grade: str
    value_pence: int


PRICES = {"beaver": 240, "marten": 180, "muskrat": 40, "fox": 150}


def read_pelts(trapper, count, seed):
    rng = random.Random(seed)
    for i in range(count):
        species = rng.choice(sorted(PRICES))
        yield Pelt(f"{trapper[:3].upper()}-{i:03d}", species, rng.uniform(30, 70),
                   rng.uniform(20, 45), rng.random() < 0.6, rng.randrange(1 << 30))


def normalise(pelts, stretch=1.02):
    for p in pelts:
        p.length_cm = round(p.length_cm * stretch, 1)
        p.width_cm = round(p.width_cm * stretch, 1)
        yield p


def density_score(pelt, grid):
    """Scan a grid of guard-hair counts and return (mean, evenness)."""
    seed = pelt.seed
    total = 0
    sq = 0
    for y in range(grid):
        for x in range(grid):
            seed = (seed * 6364136223846793005 + 1442695040888963407) & ((1 << 64) - 1)
            hairs = 40 + (seed >> 58) + (8 if pelt.prime else 0)
            total += hairs
            sq += hairs * hairs
    n = grid * grid
    mean = total / n
    return mean, (sq / n - mean * mean) ** 0.5


class Grader:
    def __init__(self, house):
        self.house = house
        self._lock = threading.Lock()
        self.totals = {}
        self.graded = []

    def _grade(self, pelt, grid):
        mean, spread = density_score(pelt, grid)
        if mean > 76 and spread < 20:
            grade = "No. 1"
        elif mean > 70:
            grade = "No. 2"
        else:
            grade = "No. 3"
        value = PRICES[pelt.species] * (3 if grade == "No. 1" else 2 if grade == "No. 2" else 1)
        return Grade(pelt.tag, pelt.species, grade, value + (20 if pelt.is_large else 0))

    def run_batch(self, trapper, seed, pelts, grid):
        if not hasattr(_scratch, "pelts"):  # ok: GIL003
            _scratch.pelts = 0
        pipeline = normalise(read_pelts(trapper, pelts, seed))
        for pelt in pipeline:  # expect: GIL001
            g = self._grade(pelt, grid)
            self.graded.append(g)
            GRADE_COUNTS[g.grade] = GRADE_COUNTS.get(g.grade, 0) + 1  # expect: GIL002
            _scratch.pelts += 1  # ok: GIL002
        value = sum(g.value_pence for g in self.graded if g.tag.startswith(trapper[:3].upper()))
        with self._lock:
            self.totals[trapper] = self.totals.get(trapper, 0) + value  # ok: GIL002
        log.info("graded %d pelts for %s", _scratch.pelts, trapper)


def start_graders(grader, configs):
    threads = []
    for cfg in configs:
        cfg = dict(cfg)
        target = getattr(grader, cfg.pop("entry"))
        t = threading.Thread(target=target, kwargs=cfg, name=f"grader-{cfg['trapper']}")
        threads.append(t)
        t.start()
    return threads


def main():
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    grader = Grader("Hudson's Bay post")
    t0 = time.perf_counter()
    for t in start_graders(grader, GRADER_CONFIGS):
        t.join()
    elapsed = time.perf_counter() - t0
    expected = sum(c["pelts"] for c in GRADER_CONFIGS)
    print(f"graded {sum(GRADE_COUNTS.values())} pelts (expected {expected}) in {elapsed:.2f}s")
    for grade in sorted(GRADE_COUNTS):
        print(f"  {grade}: {GRADE_COUNTS[grade]}")
    for trapper, pence in sorted(grader.totals.items()):
        print(f"  {trapper}: {pence // 240} pounds {pence % 240 // 12} shillings")


if __name__ == "__main__":
    main()
