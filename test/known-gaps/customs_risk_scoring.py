"""Pre-arrival risk screening of customs declarations.

Declarations for an inbound vessel are split between screening threads.  All
screeners share the base ScreeningWorker loop; subclasses decide what to check:
sanctions screening fuzzy-matches consignee names against a watch list,
valuation screening compares declared unit prices with a reference service.
Outcomes go to one RiskBoard that the duty officer reviews.
"""
from __future__ import annotations

import logging
import random
import threading
import time
import unicodedata
from dataclasses import dataclass

log = logging.getLogger("screening")


@dataclass(frozen=True)
class Declaration:
    ref: str
    consignee: str
    hs_code: str
    quantity: int
    declared_value: float


class RiskBoard:
    """Shared tally; `with board:` holds its lock for a consistent update."""

    def __init__(self):
        self._lock = threading.RLock()
        self.flagged = 0
        self.cleared = 0
        self.by_reason: dict[str, int] = {}

    def __enter__(self) -> "RiskBoard":
        self._lock.acquire()
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        self._lock.release()
        return False


def normalise(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(w for w in text.upper().replace(".", " ").split()
                    if w not in {"LTD", "LLC", "GMBH", "CO", "SA"})


def levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


class ScreeningWorker(threading.Thread):
    """Base screener: subclasses override screen(decl) -> list of reasons."""

    def __init__(self, declarations: list, board: RiskBoard, **config):
        super().__init__(name=config.pop("name", None), daemon=True)
        self.declarations = declarations
        self.board = board
        self.config = config
        self.screened = 0

    def run(self) -> None:
        for decl in self.declarations:  # expect: GIL001
            reasons = self.screen(decl)
            self.record(decl, reasons)
            self.screened += 1  # ok: GIL002

    def screen(self, decl: Declaration) -> list:
        return [] if decl.quantity > 0 else ["zero-quantity"]

    def record(self, decl: Declaration, reasons: list) -> None:
        if reasons:
            with self.board as board:
                board.flagged += 1  # ok: GIL002
                for reason in reasons:
                    board.by_reason[reason] = board.by_reason.get(reason, 0) + 1  # ok: GIL002
            log.info("%s flagged: %s", decl.ref, ", ".join(reasons))
        else:
            self.board.cleared += 1  # expect: GIL002


class SanctionsScreener(ScreeningWorker):
    def screen(self, decl: Declaration) -> list:
        reasons = super().screen(decl)
        name = normalise(decl.consignee)
        limit = self.config.get("max_distance", 2)
        for entry in self.config["watchlist"]:
            if abs(len(entry) - len(name)) <= limit and levenshtein(name, entry) <= limit:
                reasons.append(f"sanctions:{entry}")
                break
        return reasons


class ValuationScreener(ScreeningWorker):
    def screen(self, decl: Declaration) -> list:
        reasons = super().screen(decl)
        time.sleep(0.002)  # reference-price service lookup
        reference = self.config["reference_prices"].get(decl.hs_code[:4], 0.0)
        unit = decl.declared_value / max(decl.quantity, 1)
        if reference and unit < 0.3 * reference:
            reasons.append("undervaluation")
        return reasons


def synthetic_manifest(n: int, seed: int = 42):
    rng = random.Random(seed)
    syllables = ["KAR", "VEN", "OST", "LIM", "TRA", "DOR", "MEX", "ZAL", "PRI", "NOV"]
    for i in range(n):
        name = " ".join("".join(rng.sample(syllables, 3)) for _ in range(2)) + " LTD"
        yield Declaration(f"DEC-{i:05d}", name, rng.choice(["8471.30", "6403.99", "8517.12"]),
                          rng.randint(1, 400), round(rng.uniform(50, 40_000), 2))


def split(items: list, parts: int) -> list[list]:
    return [items[i::parts] for i in range(parts)]


def main() -> None:
    declarations = list(synthetic_manifest(60))
    rng = random.Random(9)
    watchlist = [normalise(d.consignee) for d in rng.sample(declarations, 3)]
    watchlist += [f"{w[:-1]}X" for w in watchlist]
    watchlist += [normalise(d.consignee)[::-1] for d in declarations[:90]]

    board = RiskBoard()
    shared = {"max_distance": 2}
    workers = [SanctionsScreener(part, board, name=f"sanctions-{i}", watchlist=watchlist, **shared)
               for i, part in enumerate(split(declarations, 2))]
    workers.append(ValuationScreener(declarations, board, name="valuation",
                                     reference_prices={"8471": 900.0, "6403": 60.0,
                                                       "8517": 400.0}))
    started = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - started

    total = sum(w.screened for w in workers)
    print(f"screened {total} declaration checks in {elapsed:.2f}s")
    print(f"flagged={board.flagged} cleared={board.cleared} "
          f"(sum {board.flagged + board.cleared}, expected {total})")
    for reason, n in sorted(board.by_reason.items()):
        print(f"  {reason}: {n}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    main()
