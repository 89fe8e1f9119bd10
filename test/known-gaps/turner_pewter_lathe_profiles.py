"""Pewter spinning shop: chuck profiles for the day's order book.

Orders are parsed through a generator pipeline, then a thread pool computes
the spinning profile of each piece (the radius of the chuck at every step of
the spinning tool).  A timing decorator accumulates per-stage wall time, and a
Timer logs progress while the pool works.
"""
import functools
import logging
import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger("pewter.profiles")

PEWTER_DENSITY_G_MM3 = 7.28e-3
stage_seconds = {}

ORDER_BOOK = """\
tankard,90,120,200000
porringer,140,45,160000
candlestick-cup,60,30,120000
charger,300,25,220000
# bad line below is skipped
quaich,,40,50000
"""


@dataclass(frozen=True)
class SpinJob:
    piece: str
    diameter_mm: float
    depth_mm: float
    resolution: int
    gauge_mm: float = 1.2

    def blank_weight(self):
        radius = self.diameter_mm / 2 + self.depth_mm
        return round(math.pi * radius * radius * self.gauge_mm * PEWTER_DENSITY_G_MM3, 1)


def timed_stage(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            elapsed = time.perf_counter() - t0
            stage_seconds[fn.__name__] = stage_seconds.get(fn.__name__, 0.0) + elapsed  # expect: GIL002
    return wrapper


def read_lines(text):
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def parse_orders(lines):
    for line in lines:
        piece, dia, depth, res = line.split(",")
        try:
            yield SpinJob(piece, float(dia), float(depth), int(res))
        except ValueError:
            log.warning("skipping malformed order %r", line)


def spin_radius(job, step):
    u = step / job.resolution
    ease = u * u * (3.0 - 2.0 * u)
    return job.diameter_mm / 2.0 * (1.0 - 0.6 * ease) + job.depth_mm * 0.1 * math.sin(math.pi * u)


class Workshop:
    def __init__(self, **settings):
        self.settings = settings
        self._lock = threading.Lock()
        self.metal_used_g = 0.0
        self.completed = 0
        self.profiles = {}

    @timed_stage
    def run_job(self, job):
        points = self._profile(job)
        self.metal_used_g += job.blank_weight()  # expect: GIL002
        self.profiles[job.piece] = (min(points), max(points), len(points))
        with self._lock:
            self.completed += 1  # ok: GIL002
        return job.piece, len(points)

    def _profile(self, job):
        return [spin_radius(job, step) for step in range(job.resolution)]  # expect: GIL001


class ProgressReporter:
    def __init__(self, shop, total, interval=0.05):
        self.shop = shop
        self.total = total
        self.interval = interval
        self._timer = None
        self._stopped = False
        self._arm_lock = threading.Lock()

    def _tick(self):
        log.info("profiles done: %d/%d", self.shop.completed, self.total)
        with self._arm_lock:
            if not self._stopped:  # ok: GIL003
                self._arm()

    def _arm(self):
        self._timer = threading.Timer(self.interval, self._tick)
        self._timer.daemon = True
        self._timer.start()

    def __enter__(self):
        self._arm()
        return self

    def __exit__(self, *exc):
        with self._arm_lock:
            self._stopped = True
            if self._timer is not None:
                self._timer.cancel()
        return False


def main():
    logging.basicConfig(level=logging.WARNING)
    jobs = list(parse_orders(read_lines(ORDER_BOOK)))
    shop = Workshop(lathe_count=2)
    start = time.perf_counter()
    with ProgressReporter(shop, len(jobs)):
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="lathe") as pool:
            done = list(pool.map(shop.run_job, jobs))
    expected_metal = sum(j.blank_weight() for j in jobs)
    print(f"profiles = {done}")
    print(f"completed = {shop.completed} (expected {len(jobs)})")
    print(f"metal used = {shop.metal_used_g:.1f} g (expected {expected_metal:.1f} g)")
    for piece, (lo, hi, n) in sorted(shop.profiles.items()):
        print(f"  {piece:16s} r {lo:7.2f}..{hi:7.2f} mm over {n} steps")
    print(f"stages timed = {sorted(stage_seconds)}; elapsed {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
