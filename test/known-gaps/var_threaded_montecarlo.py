"""One-day 99% Value-at-Risk of an equity book by Monte Carlo simulation.

Correlated daily log-returns are drawn with a Cholesky factor of the
covariance matrix; the book is revalued per path and the loss distribution's
quantile is the VaR.  Simulation batches are split across worker threads, each
with its own random stream; results come back through a queue.
"""
from __future__ import annotations

import functools
import logging
import math
import queue
import random
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("var")

PROGRESS = {"paths": 0, "batches": 0}
_publish_lock = threading.Lock()
_scratch = threading.local()


@dataclass(frozen=True)
class Position:
    ticker: str
    quantity: int
    price: float
    vol: float


BOOK = [
    Position("AAPL", 1200, 189.5, 0.018), Position("MSFT", 800, 402.1, 0.016),
    Position("NVDA", 300, 875.2, 0.032), Position("JPM", 1500, 196.4, 0.014),
    Position("XOM", 2000, 118.3, 0.015), Position("TSLA", 400, 175.8, 0.035),
]
CORRELATION = 0.45


def cholesky(matrix: list[list[float]]) -> list[list[float]]:
    n = len(matrix)
    lower = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1):
            s = sum(lower[i][k] * lower[j][k] for k in range(j))
            lower[i][j] = math.sqrt(matrix[i][i] - s) if i == j else (matrix[i][j] - s) / lower[j][j]
    return lower


def covariance(book: list[Position], rho: float) -> list[list[float]]:
    return [[a.vol * b.vol * (1.0 if a is b else rho) for b in book] for a in book]


def _shocks(n: int) -> list[float]:
    buf = getattr(_scratch, "shocks", None)
    if buf is None or len(buf) != n:
        buf = _scratch.shocks = [0.0] * n
    return buf


def simulate_batches(seed: int, batches: int, *, book: list[Position], factor: list[list[float]],
                     batch_size: int, results: "queue.Queue[list[float]]") -> None:
    rng = random.Random(seed)
    n = len(book)
    values = [p.quantity * p.price for p in book]
    for _ in range(batches):  # expect: GIL001
        losses = []
        batch_loss_total = 0.0
        for _ in range(batch_size):
            z = [rng.gauss(0.0, 1.0) for _ in range(n)]
            shocks = _shocks(n)
            for i in range(n):
                row = factor[i]
                shocks[i] = sum(row[k] * z[k] for k in range(i + 1))
            pnl = sum(v * (math.exp(s) - 1.0) for v, s in zip(values, shocks))
            losses.append(-pnl)
            batch_loss_total += -pnl  # ok: GIL002
        results.put(losses)
        PROGRESS["paths"] += batch_size  # expect: GIL002
        publish_progress(batch_loss_total / batch_size)


def publish_progress(mean_loss: float) -> None:
    _publish_lock.acquire()  # ok: GIL005
    try:
        PROGRESS["batches"] += 1  # ok: GIL002
        if PROGRESS["batches"] % 4 == 0:
            log.debug("batch %d mean loss %.0f", PROGRESS["batches"], mean_loss)
    finally:
        _publish_lock.release()


def value_at_risk(losses: list[float], level: float) -> tuple[float, float]:
    ordered = sorted(losses)
    cut = int(level * len(ordered))
    tail = ordered[cut:]
    return ordered[cut], sum(tail) / len(tail)


def run_var(workers: int = 4, paths_per_worker: int = 10000, level: float = 0.99, **overrides) -> dict:
    config = {"batch_size": 500, "seed": 20240315, **overrides}
    factor = cholesky(covariance(BOOK, CORRELATION))
    results: "queue.Queue[list[float]]" = queue.Queue()
    job = functools.partial(simulate_batches, book=BOOK, factor=factor,
                            batch_size=config["batch_size"], results=results)
    batches = paths_per_worker // config["batch_size"]
    threads = []
    for w in range(workers):
        t = threading.Thread(target=job, args=(config["seed"] + w, batches), name=f"mc-{w}")
        t.start()
        threads.append(t)
    for t in threads:
        t.join()

    losses: list[float] = []
    while not results.empty():
        losses.extend(results.get_nowait())
    var, es = value_at_risk(losses, level)
    return {"paths": len(losses), "var": var, "es": es, "progress": dict(PROGRESS)}


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    t0 = time.perf_counter()
    report = run_var()
    book_value = sum(p.quantity * p.price for p in BOOK)
    print(f"book value ${book_value:,.0f}; simulated {report['paths']} paths in {time.perf_counter() - t0:.2f}s")
    print(f"1-day 99% VaR ${report['var']:,.0f}  ES ${report['es']:,.0f}")
    print(f"progress counters {report['progress']} (expected paths {report['paths']})")
