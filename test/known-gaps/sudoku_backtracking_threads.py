"""Sudoku solver farm: one backtracking worker thread per difficulty tier.

The nightly puzzle-of-the-day pipeline solves every candidate puzzle to prove
it has a solution before publishing it.  Puzzles are grouped into tiers and
each tier gets its own BatchSolver running in a worker thread; solved grids are
collected into a shared results map and counted globally for the run summary.
"""
import functools
import logging
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("sudoku.batch")

SOLVED = 0
FAILED = 0

TIERS = {
    "easy": [
        "530070000600195000098000060800060003400803001700020006060000280000419005000080079",
        "003020600900305001001806400008102900700000008006708200002609500800203009005010300",
        "200080300060070084030500209000105408000000000402706000301007040720040060004010003",
        "030050040008010500460000012070502080000603000040109030250000098001020600080060020",
        "043080250600000000000001094900004070000608000010200003820500000000000005034090710",
        "480006902002008001900370060840010200003704100001060049020085007700900600609200018",
    ],
    "medium": [
        "000000907000420180000705026100904000050000040000507009920108000034059000507000000",
        "001900003900700160030005007050000009004302600200000070600100030042007006500006800",
    ],
    "hard": [
        "100920000524010000000000070050008102000000000402700090060000000000030945000071006",
    ],
}


def traced(fn):
    """Log entry and exit of long-running worker methods."""

    @functools.wraps(fn)
    def wrapper(self, *args, **kwargs):
        log.debug("%s: %s starting", threading.current_thread().name, fn.__name__)
        t0 = time.perf_counter()
        try:
            return fn(self, *args, **kwargs)
        finally:
            self.elapsed = time.perf_counter() - t0

    return wrapper


@dataclass
class BatchSolver:
    tier: str
    puzzles: list
    results: dict
    nodes: int = 0
    elapsed: float = 0.0
    solved: list = field(default_factory=list)

    @staticmethod
    def parse(text):
        return [int(ch) for ch in text]

    def candidates(self, grid, index):
        r, c = divmod(index, 9)
        br, bc = r // 3 * 3, c // 3 * 3
        used = set(grid[r * 9:r * 9 + 9])
        used.update(grid[c::9])
        for rr in range(br, br + 3):
            used.update(grid[rr * 9 + bc:rr * 9 + bc + 3])
        return [d for d in range(1, 10) if d not in used]

    def search(self, grid):
        try:
            index = grid.index(0)
        except ValueError:
            return True
        for digit in self.candidates(grid, index):
            grid[index] = digit
            self.nodes += 1  # ok: GIL002
            if self.search(grid):
                return True
        grid[index] = 0
        return False

    @traced
    def run_batch(self):
        global SOLVED, FAILED
        for number, text in enumerate(self.puzzles):  # expect: GIL001
            grid = self.parse(text)
            if self.search(grid):
                self.results[f"{self.tier}-{number}"] = "".join(map(str, grid))
                self.solved.append(number)
                SOLVED += 1  # expect: GIL002
            else:
                FAILED += 1  # expect: GIL002


def is_valid_solution(puzzle, solution):
    if any(p != "0" and p != s for p, s in zip(puzzle, solution)):
        return False
    rows = [solution[r * 9:r * 9 + 9] for r in range(9)]
    cols = ["".join(row[c] for row in rows) for c in range(9)]
    boxes = ["".join(rows[r + i][c:c + 3] for i in range(3)) for r in (0, 3, 6) for c in (0, 3, 6)]
    return all(len(set(unit)) == 9 for unit in rows + cols + boxes)


def solve_all(tiers):
    global SOLVED, FAILED
    SOLVED = FAILED = 0  # ok: GIL002
    results = {}
    solvers = [BatchSolver(tier, puzzles, results) for tier, puzzles in tiers.items()]
    threads = [threading.Thread(target=s.run_batch, name=f"tier-{s.tier}") for s in solvers]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return solvers, results, time.perf_counter() - started


def main():
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    solvers, results, wall = solve_all(TIERS)
    for solver in solvers:
        print(f"{solver.tier:7s} solved {len(solver.solved)}/{len(solver.puzzles)} "
              f"nodes={solver.nodes} elapsed={solver.elapsed:.3f}s")
    bad = [
        key for key, solution in results.items()
        if not is_valid_solution(TIERS[key.split("-")[0]][int(key.split("-")[1])], solution)
    ]
    total = sum(len(p) for p in TIERS.values())
    print(f"solved = {SOLVED} (expected {total}), failed = {FAILED}, invalid = {len(bad)}")
    print(f"wall time {wall:.3f}s")


if __name__ == "__main__":
    main()
