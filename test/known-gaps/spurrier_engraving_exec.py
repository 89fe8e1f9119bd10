"""Engraving studio for silver-mounted spurs.

Engraving jobs are rastered in a ThreadPoolExecutor: each job compiles (or reuses) a scroll
pattern and shades the spur band cell by cell. The plate scans are fingerprinted with
SHA-256 in the same pool so repeat orders can be matched.
"""
import functools
import hashlib
import itertools
import logging
import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger("spurrier.engraving")

STUDIO = {
    "band": {"width": 400, "height": 220},
    "patterns": {"scroll": (3.0, 0.8), "rope": (7.0, 0.3), "floral": (5.0, 1.4)},
    "workers": 4,
    "plate_mb": 8,
    "chunk_bytes": 1 << 20,
}


class CallCounter:
    """Class-based decorator that counts calls to the wrapped function."""

    def __init__(self, fn):
        functools.update_wrapper(self, fn)
        self.fn = fn
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1  # expect: GIL002
        return self.fn(*args, **kwargs)


@dataclass(frozen=True)
class Job:
    order: str
    pattern: str
    depth: float


@dataclass(frozen=True)
class Pattern:
    name: str
    frequency: float
    curl: float


class PatternLibrary:
    def __init__(self, specs: dict):
        self._specs = specs
        self._cache = {}
        self._aliases = {}
        self._alias_lock = threading.RLock()

    @property
    def compiled(self) -> int:
        return len(self._cache)

    def get(self, name: str) -> Pattern:
        if name not in self._cache:  # expect: GIL003
            self._cache[name] = self._compile(name)
        return self._cache[name]

    def _compile(self, name: str) -> Pattern:
        time.sleep(0.005)  # reading the pattern sheet from the drawer
        freq, curl = self._specs[name]
        return Pattern(name, freq, curl)

    def alias(self, order: str, name: str) -> str:
        with self._alias_lock:
            if order not in self._aliases:  # ok: GIL003
                self._aliases[order] = f"{name}-{len(self._aliases) + 1}"
            return self._aliases[order]


class EngravingShop:
    def __init__(self, library: PatternLibrary, band: dict):
        self.library = library
        self.width = band["width"]
        self.height = band["height"]

    @staticmethod
    def _shade(x: int, y: int, p: Pattern, depth: float) -> float:
        u = x / 12.0
        v = y / 12.0
        swirl = math.sin(p.frequency * u + p.curl * math.cos(v)) * math.cos(p.frequency * v)
        return depth * (0.5 + 0.5 * swirl)

    def _raster(self, pattern: Pattern, depth: float, threshold: float) -> int:
        w, h, shade = self.width, self.height, self._shade
        cut = sum(1 for y in range(h) for x in range(w) if shade(x, y, pattern, depth) > threshold)  # expect: GIL001
        return cut

    def render(self, job: Job) -> tuple:
        pattern = self.library.get(job.pattern)
        tag = self.library.alias(job.order, pattern.name)
        cut = self._raster(pattern, job.depth, threshold=job.depth * 0.6)
        return job.order, tag, cut


@CallCounter
def render_job(job: Job, shop: EngravingShop) -> tuple:
    return shop.render(job)


def fingerprint_plate(data: bytes, chunk: int) -> str:
    digest = hashlib.sha256()
    for offset in range(0, len(data), chunk):  # ok: GIL001
        digest.update(data[offset:offset + chunk])
    return digest.hexdigest()


def main():
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    library = PatternLibrary(STUDIO["patterns"])
    shop = EngravingShop(library, STUDIO["band"])
    jobs = [Job("SP-201", "scroll", 1.2), Job("SP-202", "rope", 0.8),
            Job("SP-203", "scroll", 1.0), Job("SP-204", "floral", 1.5),
            Job("SP-205", "rope", 0.9), Job("SP-206", "scroll", 1.1)]
    plates = [bytes([i]) * (STUDIO["plate_mb"] << 20) for i in range(2)]

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=STUDIO["workers"], thread_name_prefix="engraver") as pool:
        prints = [pool.submit(fingerprint_plate, plate, STUDIO["chunk_bytes"]) for plate in plates]
        for order, tag, cut in pool.map(render_job, jobs, itertools.repeat(shop)):
            log.info("%s engraved as %s: %d cells cut", order, tag, cut)
        fingerprints = [f.result()[:12] for f in prints]
    print(f"{render_job.calls} jobs, {library.compiled} patterns compiled, "
          f"plates {fingerprints}, {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
