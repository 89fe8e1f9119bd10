"""Batch fraud scoring: per-merchant feature extraction fanned out over a thread pool.

Transactions are grouped per merchant; each group is scored by a pool task that
builds velocity features against a sliding history and applies a hand-tuned
risk model.  Scores land in a shared ScoreBoard whose tallies feed the nightly
report.
"""
from __future__ import annotations

import functools
import logging
import random
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("fraud.batch")

CONFIG = {
    "workers": 4,
    "merchants": 8,
    "txns_per_merchant": 5000,
    "window": 24,
    "thresholds": {"review": 0.55, "decline": 0.8},
}

REPORT_TOTALS = {"scored": 0, "flagged_amount": 0.0}


def timed(fn):
    """Log how long a scoring task took; keeps the wrapped signature."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            log.debug("%s took %.1f ms", fn.__name__, (time.perf_counter() - start) * 1000)
    return wrapper


@dataclass(frozen=True)
class Txn:
    txn_id: int
    merchant: str
    amount: float
    hour: int
    country: str


@dataclass
class ScoreBoard:
    """Shared result sink for all scoring tasks."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    by_label: dict = field(default_factory=dict)
    scored: int = 0
    flagged_amount: float = 0.0

    def record(self, label: str, amount: float) -> None:
        self.by_label[label] = self.by_label.get(label, 0) + 1  # expect: GIL002
        with self.lock:
            self.scored += 1  # ok: GIL002
            if label != "approve":
                self.flagged_amount += amount  # ok: GIL002


class RiskModel:
    """Tiny logistic-ish model over velocity features."""

    weights = {"z": 0.9, "night": 0.35, "foreign": 0.5, "burst": 0.6}

    def __init__(self, window: int, home_country: str = "DE"):
        self.window = window
        self.home_country = home_country

    def featurize(self, txn: Txn, history: deque) -> dict:
        n = len(history) or 1
        mean = sum(history) / n
        var = 0.0
        burst = 0
        for prev in history:
            var += (prev - mean) ** 2
            if abs(prev - txn.amount) < 1.0:
                burst += 1
        std = (var / n) ** 0.5 or 1.0
        return {
            "z": min(abs(txn.amount - mean) / std, 6.0) / 6.0,
            "night": 1.0 if txn.hour < 6 else 0.0,
            "foreign": 0.0 if txn.country == self.home_country else 1.0,
            "burst": min(burst / 4.0, 1.0),
        }

    def score(self, feats: dict) -> float:
        raw = sum(self.weights[k] * v for k, v in feats.items())
        return raw / sum(self.weights.values())


class StrictRiskModel(RiskModel):
    """Card-not-present merchants get an extra penalty on bursts."""

    def score(self, feats: dict) -> float:
        base = super().score(feats)
        return min(1.0, base + 0.15 * feats["burst"])


def label_for(score: float, thresholds: dict) -> str:
    if score >= thresholds["decline"]:
        return "decline"
    if score >= thresholds["review"]:
        return "review"
    return "approve"


@timed
def score_merchant(txns, *, model: RiskModel, board: ScoreBoard, thresholds: dict) -> int:
    history: deque = deque(maxlen=model.window)
    flagged = 0
    for txn in txns:  # expect: GIL001
        feats = model.featurize(txn, history)
        label = label_for(model.score(feats), thresholds)
        board.record(label, txn.amount)
        flagged += label != "approve"  # ok: GIL002
        history.append(txn.amount)
    return flagged


def synthesize(cfg: dict, seed: int = 7) -> dict:
    """Generate a deterministic batch; runs once in the main thread."""
    rng = random.Random(seed)
    batch = {}
    for m in range(cfg["merchants"]):  # ok: GIL001
        name = f"m{m:03d}"
        rows = []
        for i in range(cfg["txns_per_merchant"]):
            amount = round(rng.lognormvariate(3.0, 0.8), 2)
            rows.append(Txn(m * 100_000 + i, name, amount, rng.randrange(24),
                            rng.choice(("DE", "DE", "DE", "FR", "US"))))
        batch[name] = rows
    return batch


def run_batch(batch: dict, cfg: dict, **task_kwargs) -> ScoreBoard:
    board = ScoreBoard()
    pool = ThreadPoolExecutor(max_workers=cfg["workers"], thread_name_prefix="score")
    futures = []
    try:
        for i, (merchant, txns) in enumerate(sorted(batch.items())):
            model = StrictRiskModel(cfg["window"]) if i % 3 == 0 else RiskModel(cfg["window"])
            futures.append(pool.submit(score_merchant, txns, model=model, board=board,
                                       thresholds=cfg["thresholds"], **task_kwargs))
        flagged = sum(f.result() for f in futures)
    finally:
        pool.shutdown(wait=True)
    log.info("flagged %d transactions", flagged)
    return board


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    batch = synthesize(CONFIG)
    start = time.perf_counter()
    board = run_batch(batch, CONFIG)
    REPORT_TOTALS["scored"] += board.scored  # ok: GIL002
    REPORT_TOTALS["flagged_amount"] += board.flagged_amount  # ok: GIL002
    expected = CONFIG["merchants"] * CONFIG["txns_per_merchant"]
    print(f"scored = {REPORT_TOTALS['scored']} (expected {expected})")
    print(f"labels = {sum(board.by_label.values())} (expected {expected})")
    print(f"breakdown = {dict(sorted(board.by_label.items()))}")
    print(f"elapsed = {time.perf_counter() - start:.3f}s")


if __name__ == "__main__":
    main()
