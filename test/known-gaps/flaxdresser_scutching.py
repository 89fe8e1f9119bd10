"""Scutch retted flax in a mill's scutching shed.

Batches of beets (bundles of retted flax straw) are sent to a pool of
scutchers. Each batch goes through a generator pipeline - break the straw,
beat out the shives, grade the fibre into stricks - and the grade counts go
into the shed's tally. The fibre table per flax variety is looked up once
from the mill office and cached.
"""
from __future__ import annotations

import functools
import logging
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Iterable, Iterator

log = logging.getLogger("flaxdresser.scutch")

FIBRE_CACHE: dict[str, dict] = {}
STRICK_COUNTS: dict[str, int] = {}
STATS_LOCK = threading.Lock()

SHED = {
    "batches": [("Blue Dutch", 11), ("Riga", 12), ("Blue Dutch", 13), ("Irish White", 14)],
    "stalks_per_batch": 42_000,
    "blade_strokes": 3,
    "workers": 4,
}


class ShiveJam(Exception):
    """The scutching blade jammed with shives; clear it and try again."""


def retry(times: int = 3, on: tuple = (ShiveJam,), pause: float = 0.005):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(1, times + 1):
                try:
                    return fn(*args, **kwargs)
                except on as exc:
                    log.warning("%s: attempt %d failed (%s)", fn.__name__, attempt, exc)
                    time.sleep(pause)
            raise RuntimeError(f"{fn.__name__} failed {times} times")

        return wrapper

    return deco


@dataclass(frozen=True)
class Stalk:
    length_cm: float
    fibre_frac: float
    shive: float


def _lookup_fibre(variety: str) -> dict:
    time.sleep(0.003)  # walk over to the mill office for the variety sheet
    base = {"Blue Dutch": 0.27, "Riga": 0.24, "Irish White": 0.3}.get(variety, 0.25)
    return {"fibre": base, "line_cut": 58.0 + base * 20}


def fibre_table(variety: str) -> dict:
    if variety not in FIBRE_CACHE:  # expect: GIL003
        FIBRE_CACHE[variety] = _lookup_fibre(variety)
    return FIBRE_CACHE[variety]


def straw(seed: int, count: int, fibre: float) -> Iterator[Stalk]:
    rng = random.Random(seed)
    for _ in range(count):
        yield Stalk(rng.uniform(40, 110), rng.gauss(fibre, 0.03), rng.random())


def break_straw(stalks: Iterable[Stalk], strokes: int) -> Iterator[Stalk]:
    for s in stalks:
        shive = s.shive
        for _ in range(strokes):
            shive *= 0.55
        yield Stalk(s.length_cm, s.fibre_frac, shive)


def grade(stalks: Iterable[Stalk], line_cut: float) -> Iterator[str]:
    for s in stalks:
        if s.shive > 0.12:
            yield "tow"
        elif s.length_cm >= line_cut and s.fibre_frac > 0.25:
            yield "line"
        else:
            yield "short line"


@retry(times=2)
def scutch_batch(variety: str, seed: int, *, stalks_per_batch: int, blade_strokes: int) -> dict:
    table = fibre_table(variety)
    counts: dict[str, int] = {}
    pipeline = grade(break_straw(straw(seed, stalks_per_batch, table["fibre"]), blade_strokes),
                     table["line_cut"])
    for g in pipeline:  # expect: GIL001
        counts[g] = counts.get(g, 0) + 1  # ok: GIL002
    if not counts:
        raise ShiveJam(f"{variety}: nothing came off the blade")
    with STATS_LOCK:
        for g, n in counts.items():
            STRICK_COUNTS[g] = STRICK_COUNTS.get(g, 0) + n  # ok: GIL002
    return {"variety": variety, "seed": seed, **counts}


class Shed:
    def __init__(self, config: dict) -> None:
        self.config = config
        self.opts = {k: config[k] for k in ("stalks_per_batch", "blade_strokes")}

    def run(self) -> list[dict]:
        with ThreadPoolExecutor(max_workers=self.config["workers"],
                                thread_name_prefix="scutcher") as pool:
            futures = [pool.submit(scutch_batch, variety, seed, **self.opts)
                       for variety, seed in self.config["batches"]]
            done, _ = wait(futures)
        return [f.result() for f in futures]


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    t0 = time.perf_counter()
    results = Shed(SHED).run()
    for r in results:
        parts = ", ".join(f"{k} {r.get(k, 0)}" for k in ("line", "short line", "tow"))
        print(f"{r['variety']:12s} seed {r['seed']}: {parts}")
    total = sum(STRICK_COUNTS.values())
    expected = SHED["stalks_per_batch"] * len(SHED["batches"])
    print(f"stalks tallied = {total} (expected {expected}); fibre sheets {sorted(FIBRE_CACHE)}")
    print(f"shed time {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
