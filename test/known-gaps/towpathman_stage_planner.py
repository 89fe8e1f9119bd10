"""Stage planner for towpath horse changes.

The carrying company plans the pace of each stage between horse changes: for every
furlong it chooses a walking pace that balances time against the horse's fatigue.
Stages are planned in a thread pool; finished plans are cached per stage.
"""
import functools
import logging
import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait

log = logging.getLogger("stage_planner")

STATS: dict = {}  # calls per planning function, for the office return

CHANGE_POINTS = {"Brentford": 0, "Cowley": 14, "Leighton": 36, "Fenny": 44, "Braunston": 70}
PLANNER_DEFAULTS = {"paces": (2.0, 2.5, 3.0, 3.5), "fatigue": 0.03, "resolution": 480}


def timed(fn):
    """Count calls and log how long each took."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        STATS[fn.__name__] = STATS.get(fn.__name__, 0) + 1  # expect: GIL002
        t0 = time.perf_counter()
        result = fn(*args, **kwargs)
        log.debug("%s: %.1f ms", fn.__name__, (time.perf_counter() - t0) * 1000)
        return result
    return wrapper


def survey_towpath(miles: int) -> list:
    """Gradient of the towpath per mile (locks make it climb); main thread only."""
    return [round(0.2 + 0.15 * math.sin(m / 3.0) + (0.1 if m % 7 == 0 else 0.0), 3) for m in range(miles)]


@timed
def plan_stage(towpath: list, start: int, end: int, paces=(2.0, 3.0), fatigue=0.03,
               resolution=80) -> float:
    """Cheapest pacing of one stage by dynamic programming over furlong steps."""
    segment = towpath[start:end]
    best = [0.0] * len(paces)
    for step in range(len(segment) * resolution):  # expect: GIL001
        gradient = segment[step // resolution]
        nxt = []
        for i, pace in enumerate(paces):
            change = min(best[j] + abs(i - j) * 0.05 for j in range(len(paces)))
            nxt.append(change + (1.0 + gradient) / pace / resolution + fatigue * pace * pace / resolution)
        best = nxt
    return round(min(best), 3)


@timed
def ring_ahead(place: str, bells: int = 3, pause: float = 0.002) -> str:
    """Send the lad ahead to ring the stable bell so the next horse is ready."""
    for _ in range(bells):  # ok: GIL001
        time.sleep(pause)
    return f"{place} warned"


class StagePlanner:
    def __init__(self, towpath: list, **defaults):
        self.towpath = towpath
        self.defaults = defaults
        self.cache: dict = {}
        self.requests = 0
        self._lock = threading.Lock()

    def plan(self, start: str, end: str, **overrides) -> float:
        with self._lock:
            self.requests += 1  # ok: GIL002
        key = (start, end)
        if key not in self.cache:  # expect: GIL003
            opts = {**self.defaults, **overrides}
            self.cache[key] = plan_stage(self.towpath, CHANGE_POINTS[start], CHANGE_POINTS[end], **opts)
        return self.cache[key]


def check_points(points: dict, towpath: list) -> None:
    """Refuse a plan whose change points run off the surveyed towpath."""
    last = -1
    for place, mile in points.items():
        if mile <= last:
            raise ValueError(f"{place} is not beyond the previous change point")
        if mile > len(towpath):
            raise ValueError(f"{place} (mile {mile}) is beyond the survey")
        last = mile


def submit_job(pool: ThreadPoolExecutor, fn, *args, **kwargs):
    """One place to submit office work, so every job is logged the same way."""
    log.info("submitting %s%r", getattr(fn, "__name__", fn), args)
    return pool.submit(fn, *args, **kwargs)


def stages(points: dict):
    names = list(points)
    for a, b in zip(names, names[1:]):
        yield a, b


def run_office(workers: int = 3) -> tuple:
    towpath = survey_towpath(80)
    check_points(CHANGE_POINTS, towpath)
    planner = StagePlanner(towpath, **PLANNER_DEFAULTS)
    requests = list(stages(CHANGE_POINTS))
    requests.append(("Cowley", "Leighton"))  # the night boat asks for the same stage again
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="planner") as pool:
        plans = {submit_job(pool, planner.plan, a, b, fatigue=0.035): (a, b) for a, b in requests}
        bells = [submit_job(pool, ring_ahead, b, bells=2) for _, b in requests[:3]]
        wait(list(plans) + bells)
    results = {plans[f]: f.result() for f in plans}
    return planner, results, [b.result() for b in bells]


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    t0 = time.perf_counter()
    planner, results, bells = run_office()
    for (a, b), cost in sorted(results.items(), key=lambda kv: CHANGE_POINTS[kv[0][0]]):
        print(f"{a:>10} -> {b:<10} cost {cost}")
    print(f"requests {planner.requests}, stages cached {len(planner.cache)}, "
          f"plan_stage ran {STATS.get('plan_stage', 0)} times (unique stages {len(planner.cache)})")
    print(f"{'; '.join(bells)}; office took {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
