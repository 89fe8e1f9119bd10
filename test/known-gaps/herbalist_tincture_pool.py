"""Tincture extraction planning in a thread pool.

An extractor closure is built by a factory from a solvent profile (keyword configuration
forwarded from a dict) and mapped over the herbs on the bench by a ThreadPoolExecutor.
Per-worker bookkeeping lives on a threading.local; solubilities are memoised under a lock.
"""
import functools
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional

log = logging.getLogger("herbalist.tincture")

SOLVENTS = {
    "brandy": {"polarity": 0.62, "strength": 0.40},
    "glycerin": {"polarity": 0.81, "strength": 0.60},
}
PROFILE = {"solvent": "brandy", "passes": 200_000, "ratio": 5.0}


@dataclass(frozen=True)
class Herb:
    name: str
    mass_g: float
    resin: float


@dataclass
class Extract:
    herb: str
    yield_mg: float
    grade: str
    worker: str


_worker = threading.local()
_solubility_cache: Dict[str, float] = {}
_cache_lock = threading.Lock()


def logged(fn: Callable) -> Callable:
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        result = fn(*args, **kwargs)
        log.debug("%s took %.4fs", fn.__name__, time.perf_counter() - started)
        return result
    return wrapper


def note_worker(herb_name: str) -> None:
    _worker.handled = getattr(_worker, "handled", 0) + 1  # ok: GIL002
    _worker.last = herb_name


def solubility(herb: Herb, polarity: float) -> float:
    with _cache_lock:
        if herb.name not in _solubility_cache:  # ok: GIL003
            _solubility_cache[herb.name] = round(herb.resin * polarity, 4)
        return _solubility_cache[herb.name]


def make_tally() -> Callable[[float], float]:
    total = 0.0

    def add(x: float) -> float:
        nonlocal total
        total += x  # ok: GIL002
        return total

    return add


def grade(yield_mg: float, mass_g: float) -> str:
    tally = make_tally()
    running = 0.0
    for share in (0.5, 0.3, 0.2):  # ok: GIL001
        running = tally(yield_mg * share / mass_g)
    if running > 2000:
        return "A"
    return "B" if running > 800 else "C"


def _leach(mass: float, k: float, p: int) -> float:
    return mass * k / (1.0 + p * 0.0005)


def make_extractor(*, solvent: str, passes: int, ratio: float,
                   on_done: Optional[Callable[[Extract], None]] = None) -> Callable[[Herb], Extract]:
    polarity = SOLVENTS[solvent]["polarity"]
    extracted = 0

    @logged
    def extract(herb: Herb) -> Extract:
        nonlocal extracted
        note_worker(herb.name)
        k = solubility(herb, polarity)
        mg = sum(_leach(herb.mass_g, k, p) for p in range(passes))  # expect: GIL001
        extracted += 1  # expect: GIL002
        result = Extract(herb.name, mg / ratio, grade(mg / ratio, herb.mass_g),
                         threading.current_thread().name)
        if on_done is not None:
            on_done(result)
        return result

    def count() -> int:
        return extracted

    extract.count = count
    return extract


class Bench:
    def __init__(self, herbs: List[Herb], **profile) -> None:
        self.herbs = herbs
        self.profile = profile
        self.finished: List[Extract] = []

    def _collect(self, result: Extract) -> None:
        self.finished.append(result)

    def run(self, workers: int) -> List[Extract]:
        extractor = make_extractor(on_done=self._collect, **self.profile)
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="still") as pool:
            results = list(pool.map(extractor, self.herbs))
        self.extracted = extractor.count()
        return results


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    herbs = [
        Herb("calendula", 40.0, 0.9), Herb("echinacea", 55.0, 1.3),
        Herb("valerian", 35.0, 0.7), Herb("lemon balm", 30.0, 0.5),
        Herb("elderflower", 25.0, 0.6), Herb("st john's wort", 45.0, 1.1),
    ]
    start = time.perf_counter()
    bench = Bench(herbs, **PROFILE)
    results = bench.run(workers=3)
    for r in results:
        print(f"{r.herb:15s} {r.yield_mg:12.1f} mg  grade {r.grade}")
    print(f"extracted = {bench.extracted} (expected {len(herbs)}); "
          f"callbacks = {len(bench.finished)}; cached = {len(_solubility_cache)}")
    print(f"wall {time.perf_counter() - start:.3f}s")


if __name__ == "__main__":
    main()
