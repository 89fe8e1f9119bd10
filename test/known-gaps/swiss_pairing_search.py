"""Swiss-system pairing for a weekend open: pair every section for the next round.

Each section is paired by a local search over candidate pairings: random
restarts from the score-group order, then pairwise swaps while they lower the
penalty (rematches, score differences, colour preferences).  The tournament
director's laptop pairs all sections at once, one thread per section.
"""
from __future__ import annotations

import logging
import math
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

log = logging.getLogger("swiss.pairing")

Pair = Tuple["Player", "Player"]
PENALTY = {"rematch": 1000, "score_gap": 40, "same_colour_due": 6, "rating_gap": 0.002}


@dataclass(frozen=True)
class Player:
    pid: int
    name: str
    rating: int
    score: float
    colours: str = ""                     # e.g. "WBW"
    opponents: FrozenSet[int] = frozenset()

    @property
    def colour_due(self) -> str:
        if not self.colours:
            return "?"
        return "B" if self.colours.count("W") > self.colours.count("B") else "W"


def pair_penalty(a: Player, b: Player) -> float:
    cost = PENALTY["rematch"] if b.pid in a.opponents else 0.0
    cost += PENALTY["score_gap"] * abs(a.score - b.score)
    if a.colour_due == b.colour_due != "?":
        cost += PENALTY["same_colour_due"]
    return cost + PENALTY["rating_gap"] * abs(a.rating - b.rating)


class PairingBoard:
    """Collects the finished sections for the wall chart."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.sections: Dict[str, List[Pair]] = {}
        self.totals: Dict[str, float] = {"penalty": 0.0, "seconds": 0.0}

    def publish(self, section: str, pairs: List[Pair], penalty: float, seconds: float) -> None:
        with self._lock:
            if section in self.sections:  # ok: GIL003
                raise RuntimeError(f"section {section} paired twice")
            self.sections[section] = pairs
            self.totals["penalty"] += penalty  # ok: GIL002
            self.totals["seconds"] += seconds


class SectionTask(threading.Thread):
    """One thread per section; subclasses implement solve()."""

    def __init__(self, section: str, players: Sequence[Player], board: PairingBoard, **kwargs) -> None:
        super().__init__(name=f"pair-{section}", **kwargs)
        self.section = section
        self.players = list(players)
        self.board = board

    def solve(self) -> Tuple[List[Pair], float]:
        raise NotImplementedError

    def run(self) -> None:
        started = time.perf_counter()
        pairs, penalty = self.solve()
        self.board.publish(self.section, pairs, penalty, time.perf_counter() - started)


class LocalSearchPairer(SectionTask):
    def __init__(self, section: str, players: Sequence[Player], board: PairingBoard,
                 restarts: int = 20, seed: int = 0, **kwargs) -> None:
        super().__init__(section, players, board, **kwargs)
        self.restarts = restarts
        self.seed = seed

    def _initial_order(self, rng: random.Random) -> List[Player]:
        order = sorted(self.players, key=lambda p: (-p.score, -p.rating, rng.random()))
        for i in range(0, len(order) - 1, 2):
            if rng.random() < 0.3:
                order[i], order[i + 1] = order[i + 1], order[i]
        return order

    @staticmethod
    def _improve(order: List[Player]) -> List[Player]:
        n = len(order)
        improved = True
        while improved:
            improved = False
            for i in range(0, n - 1, 2):
                for j in range(i + 2, n - 1, 2):
                    a, b, c, d = order[i], order[i + 1], order[j], order[j + 1]
                    now = pair_penalty(a, b) + pair_penalty(c, d)
                    if pair_penalty(a, c) + pair_penalty(b, d) < now:
                        order[i + 1], order[j] = c, b
                        improved = True
                    elif pair_penalty(a, d) + pair_penalty(c, b) < now:
                        order[i + 1], order[j + 1] = d, b
                        improved = True
        return order

    def solve(self) -> Tuple[List[Pair], float]:
        rng = random.Random(self.seed)
        best: Optional[List[Pair]] = None
        best_cost = math.inf
        for _ in range(self.restarts):  # expect: GIL001
            order = self._improve(self._initial_order(rng))
            pairs = [(order[i], order[i + 1]) for i in range(0, len(order) - 1, 2)]
            cost = sum(pair_penalty(a, b) for a, b in pairs)
            if cost < best_cost:
                best, best_cost = pairs, cost
        return best or [], best_cost


class AcceleratedPairer(LocalSearchPairer):
    """Baku acceleration for the first rounds: top half gets a virtual point."""

    def _initial_order(self, rng: random.Random) -> List[Player]:
        order = super()._initial_order(rng)
        cut = sorted(p.rating for p in self.players)[len(self.players) // 2]
        return sorted(order, key=lambda p: -(p.score + (1 if p.rating >= cut else 0)))


def register_section(name: str, size: int, base_rating: int, seed: int) -> List[Player]:
    rng = random.Random(seed)
    players = []
    for pid in range(size):  # ok: GIL001
        colours = "".join(rng.choice("WB") for _ in range(3))
        opponents = frozenset(rng.sample(range(size), 3)) - {pid}
        players.append(Player(pid, f"{name}-{pid:02d}", base_rating + rng.randint(-150, 150),
                              rng.choice((0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0)), colours, opponents))
    return players


def main() -> None:
    board = PairingBoard()
    sections = {"Open": (44, 2100), "U1800": (36, 1650), "U1400": (28, 1200)}
    tasks: List[SectionTask] = []
    for seed, (name, (size, rating)) in enumerate(sections.items()):
        cls = AcceleratedPairer if name == "Open" else LocalSearchPairer
        tasks.append(cls(name, register_section(name, size, rating, seed), board,
                         restarts=40, seed=seed, daemon=True))
    started = time.perf_counter()
    for task in tasks:
        task.start()
    for task in tasks:
        task.join()
    wall = time.perf_counter() - started

    for name, pairs in board.sections.items():
        rematches = sum(1 for a, b in pairs if b.pid in a.opponents)
        print(f"{name:6s} boards={len(pairs):2d} rematches={rematches} "
              f"top board: {pairs[0][0].name} - {pairs[0][1].name}")
    print(f"total penalty {board.totals['penalty']:.1f}; thread time {board.totals['seconds']:.2f}s, "
          f"wall {wall:.2f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
