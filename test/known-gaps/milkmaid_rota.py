"""Morning milking rota: maids claim cows from the herd list, milk them and log yields.

The rota board is shared by every maid working the parlour at the same time.
"""
from __future__ import annotations

import functools
import logging
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterator, List

log = logging.getLogger("milkmaid.rota")

CONFIG = {
    "maids": ["Bess", "Molly", "Hetty", "Nan"],
    "herd_size": 24,
    "stalls": 6,
    "seconds_per_cow": 0.004,
    "bucket_litres": 11.0,
    "seed": 7,
}

YieldListener = Callable[[str, float], None]


@dataclass
class Cow:
    tag: str
    expected_litres: float
    stall: int


@dataclass
class RotaBoard:
    claimed: Dict[str, str] = field(default_factory=dict)
    yields: Dict[str, float] = field(default_factory=dict)
    listeners: List[YieldListener] = field(default_factory=list)
    _sessions: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def sessions_done(self) -> int:
        return self._sessions

    @sessions_done.setter
    def sessions_done(self, value: int) -> None:
        self._sessions = value

    def subscribe(self, listener: YieldListener) -> YieldListener:
        self.listeners.append(listener)
        return listener

    def claim(self, cow: Cow, maid: str) -> bool:
        if cow.tag not in self.claimed:  # expect: GIL003
            time.sleep(0.0005)  # walk down the row to the stall
            self.claimed[cow.tag] = maid
            return True
        return False

    def record(self, cow: Cow, litres: float) -> None:
        with self._lock:
            self.yields[cow.tag] = self.yields.get(cow.tag, 0.0) + litres  # ok: GIL002
        self.sessions_done += 1  # expect: GIL002
        for listener in list(self.listeners):
            listener(cow.tag, litres)


def make_bucket_counter(bucket_litres: float) -> Callable[[], int]:
    """Factory: a listener that counts how many full buckets went to the dairy."""
    poured = 0.0
    full_buckets = 0

    def on_yield(tag: str, litres: float) -> None:
        nonlocal poured, full_buckets
        poured = poured + litres  # expect: GIL002
        if litres >= bucket_litres:
            full_buckets += 1  # expect: GIL002

    def report() -> int:
        return full_buckets

    report.listener = on_yield  # type: ignore[attr-defined]
    report.poured = lambda: poured  # type: ignore[attr-defined]
    return report


def logged_round(fn: Callable[..., int]) -> Callable[..., int]:
    @functools.wraps(fn)
    def wrapper(maid: str, *args, **kwargs) -> int:
        log.debug("%s starts her round", maid)
        started = time.perf_counter()
        done = fn(maid, *args, **kwargs)
        log.debug("%s milked %d cows in %.3fs", maid, done, time.perf_counter() - started)
        return done
    return wrapper


@logged_round
def milk_round(maid: str, herd: List[Cow], board: RotaBoard, *, pace: float) -> int:
    milked = 0
    for cow in herd:  # ok: GIL001
        if not board.claim(cow, maid):
            continue
        time.sleep(pace)  # hands on the teats
        litres = round(cow.expected_litres * random.uniform(0.9, 1.1), 2)
        board.record(cow, litres)
        milked += 1  # ok: GIL002
    return milked


def rota_order(herd: List[Cow], stalls: int) -> Iterator[Cow]:
    """Cows come in stall by stall, the freshest calvers first within a stall."""
    by_stall: Dict[int, List[Cow]] = {}
    for cow in herd:
        by_stall.setdefault(cow.stall, []).append(cow)
    for stall in range(stalls):
        yield from sorted(by_stall.get(stall, []), key=lambda c: -c.expected_litres)


def build_herd(size: int, stalls: int, seed: int) -> List[Cow]:
    rng = random.Random(seed)
    return [Cow(f"cow-{i:02d}", round(rng.uniform(8.0, 14.0), 1), i % stalls) for i in range(size)]


def run_parlour(config: Dict[str, object]) -> Dict[str, object]:
    herd = list(rota_order(build_herd(config["herd_size"], config["stalls"], config["seed"]),
                           config["stalls"]))
    board = RotaBoard()
    buckets = make_bucket_counter(config["bucket_litres"])
    board.subscribe(buckets.listener)
    board.subscribe(lambda tag, litres: log.debug("%s gave %.1f l", tag, litres))

    per_maid: Dict[str, int] = {}
    maids = config["maids"]
    with ThreadPoolExecutor(max_workers=len(maids), thread_name_prefix="maid") as pool:
        futures = {
            pool.submit(milk_round, maid, herd, board, pace=config["seconds_per_cow"]): maid
            for maid in maids
        }
        for fut in as_completed(futures):
            per_maid[futures[fut]] = fut.result()

    return {
        "per_maid": per_maid,
        "sessions": board.sessions_done,
        "litres": round(sum(board.yields.values()), 1),
        "full_buckets": buckets(),
        "double_milked": sum(per_maid.values()) - len(board.yields),
    }


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(levelname)s %(message)s")
    random.seed(CONFIG["seed"])
    started = time.perf_counter()
    summary = run_parlour(CONFIG)
    log.info("rota finished in %.2fs", time.perf_counter() - started)
    for maid, count in sorted(summary["per_maid"].items()):
        print(f"{maid:>6}: {count} cows")
    print(f"sessions = {summary['sessions']} (herd {CONFIG['herd_size']})")
    print(f"litres = {summary['litres']}, full buckets = {summary['full_buckets']}")
    print(f"double milked = {summary['double_milked']}")


if __name__ == "__main__":
    main()
