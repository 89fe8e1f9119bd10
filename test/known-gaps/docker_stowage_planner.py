"""Cargo hold stowage planner for a general-cargo steamer.

Each hold is planned in a thread pool: crates are packed into tiers by a first-fit pass and
then improved by swapping neighbours to lower the centre of gravity.  Crates that do not fit
their hold go to the shared overflow hold ('tween deck).
"""
import functools
import logging
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("docker.stowage")

PLAN = {
    "holds": {"No.1": 160, "No.2": 220, "No.3": 200, "No.4": 140},
    "crates_per_hold": 150,
    "tier_height": 5,
    "sweeps": 200,
    "window": 12,
}

SUMMARY = {"crates": 0, "tons": 0.0}
SUMMARY_LOCK = threading.Lock()


class TransientPlanError(RuntimeError):
    """The tally clerk's figures disagreed; plan again."""


def retry(times=2, delay=0.002):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(times + 1):
                try:
                    return fn(*args, **kwargs)
                except TransientPlanError as exc:
                    log.warning("%s: %s (attempt %d)", fn.__name__, exc, attempt + 1)
                    if attempt == times:
                        raise
                    time.sleep(delay)
        return wrapper
    return deco


@dataclass(order=True)
class Crate:
    tons: float
    mark: str = field(compare=False)
    fragile: bool = field(default=False, compare=False)


@dataclass
class Hold:
    name: str
    capacity: float
    loaded: float = 0.0
    stow: list = field(default_factory=list)

    @property
    def free_tons(self):
        return self.capacity - self.loaded


def moment(tiers):
    return sum(level * sum(c.tons for c in tier) for level, tier in enumerate(tiers))


def _improve(order, tier_height, sweeps, window):
    n = len(order)
    for sweep in range(sweeps):  # expect: GIL001
        for i in range(n):
            for j in range(i + 1, min(n, i + window)):
                a, b = order[i], order[j]
                gain = (j // tier_height - i // tier_height) * (b.tons - a.tons)
                if gain > 0.01 * sweep and not b.fragile:
                    order[i], order[j] = b, a
    return order


@retry(times=1)
def first_fit(hold, crates, overflow):
    kept = []
    for crate in sorted(crates, reverse=True):  # ok: GIL001
        if hold.loaded + crate.tons <= hold.capacity:  # ok: GIL003
            hold.loaded += crate.tons  # ok: GIL002
            kept.append(crate)
            continue
        if overflow.free_tons >= crate.tons:  # expect: GIL003
            time.sleep(0.0005)  # the foreman signs the 'tween-deck chit
            overflow.loaded += crate.tons  # expect: GIL002
            overflow.stow.append(crate)
    return kept


def plan_hold(hold, crates, *, overflow, tier_height, sweeps, window, **_ignored):
    kept = first_fit(hold, crates, overflow)
    random.Random(hold.name).shuffle(kept)
    order = _improve(kept, tier_height, sweeps, window)
    best = [order[k:k + tier_height] for k in range(0, len(order), tier_height)]
    hold.stow = best
    with SUMMARY_LOCK:
        SUMMARY["crates"] += len(kept)  # ok: GIL002
        SUMMARY["tons"] = SUMMARY["tons"] + hold.loaded  # ok: GIL002
    return hold.name, len(kept), round(moment(best), 1)


def make_manifest(hold_names, per_hold, seed=1893):
    rng = random.Random(seed)
    out = {}
    for name in hold_names:
        out[name] = [Crate(round(rng.uniform(0.3, 2.4), 2), f"{name}/{i:03d}", rng.random() < 0.1)
                     for i in range(per_hold)]
    return out


class StowagePlanner:
    def __init__(self, plan, pool_size=4):
        self.plan = plan
        self.pool_size = pool_size
        self.holds = {name: Hold(name, cap) for name, cap in plan["holds"].items()}
        self.overflow = Hold("'tween deck", 40.0)

    def run(self):
        manifest = make_manifest(self.holds, self.plan["crates_per_hold"])
        job = functools.partial(plan_hold, overflow=self.overflow, **self.plan)
        with ThreadPoolExecutor(max_workers=self.pool_size, thread_name_prefix="hold") as pool:
            results = list(pool.map(job, self.holds.values(),
                                    (manifest[n] for n in self.holds)))
        return results


def main():
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    planner = StowagePlanner(PLAN)
    t0 = time.perf_counter()
    for name, kept, mom in planner.run():
        print(f"hold {name}: {kept} crates stowed, tier moment {mom}")
    ov = planner.overflow
    print(f"'tween deck: {len(ov.stow)} crates, {ov.loaded:.2f} of {ov.capacity} tons")
    print(f"summary: {SUMMARY['crates']} crates, {SUMMARY['tons']:.1f} tons "
          f"in {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
