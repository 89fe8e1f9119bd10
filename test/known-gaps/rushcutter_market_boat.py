"""Loading dried rush bundles onto the market boat, driven by an asyncio event loop.

The loader coroutine weighs each bundle on the jetty scales, plans the stowage of the hold in an
executor thread (a greedy packing with many improvement sweeps) and writes the manifest to disk
through asyncio.to_thread.
"""
import asyncio
import functools
import logging
import os
import tempfile
import time
from dataclasses import dataclass, field

log = logging.getLogger("rushcutter.boat")


@dataclass(order=True)
class Bundle:
    weight: float
    tag: str = field(compare=False)


@dataclass
class HoldBay:
    capacity: float
    load: float = 0.0
    bundles: list = field(default_factory=list)

    @property
    def spare(self) -> float:
        return self.capacity - self.load


def retry(times: int = 3, delay: float = 0.01):
    """Retry a coroutine on OSError, sleeping asynchronously between attempts."""

    def deco(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(1, times + 1):
                try:
                    return await fn(*args, **kwargs)
                except OSError as exc:
                    log.warning("%s failed (%s), attempt %d", fn.__name__, exc, attempt)
                    await asyncio.sleep(delay)  # ok: GIL004
            raise RuntimeError(f"{fn.__name__} kept failing")

        return wrapper

    return deco


def first_fit(weights: list, bays: int, capacity: float) -> list:
    hold = [HoldBay(capacity) for _ in range(bays)]
    for w in sorted(weights, reverse=True):
        bay = max(hold, key=lambda b: b.spare)
        bay.load += w
        bay.bundles.append(w)
    return hold


def plan_stowage(weights: list, bays: int, capacity: float, sweeps: int) -> list:
    """First-fit-decreasing, then sweeps that swap bundles between the heaviest and lightest bay
    and shake the hold (move one bundle at random) whenever no swap helps."""
    hold = first_fit(weights, bays, capacity)
    state = 2024
    best_spread = float("inf")
    for _ in range(sweeps):  # expect: GIL001
        heavy = max(hold, key=lambda b: b.load)
        light = min(hold, key=lambda b: b.load)
        gap = heavy.load - light.load
        best_spread = min(best_spread, gap)
        best = None
        for a in heavy.bundles:
            for b in light.bundles:
                d = a - b
                if 0 < d < gap and (best is None or abs(gap - 2 * d) < abs(gap - 2 * best[2])):
                    best = (a, b, d)
        if best is None:
            state = (state * 1103515245 + 12345) & 0x7FFFFFFF
            src, dst = hold[state % bays], hold[(state >> 8) % bays]
            if src is not dst and src.bundles:
                w = src.bundles.pop(state % len(src.bundles))
                src.load -= w
                dst.load += w
                dst.bundles.append(w)
            continue
        a, b, d = best
        heavy.bundles.remove(a)
        light.bundles.remove(b)
        heavy.bundles.append(b)
        light.bundles.append(a)
        heavy.load -= d  # ok: GIL002
        light.load += d
    return [round(b.load, 2) for b in hold] + [round(best_spread, 2)]


def write_manifest(path: str, lines: list, pause: float) -> int:
    with open(path, "w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(line + "\n")
    time.sleep(pause)  # ok: GIL004
    return os.path.getsize(path)


class MarketBoat:
    def __init__(self, name: str, *, settle_s: float, **options):
        self.name = name
        self.settle_s = settle_s
        self.options = options
        self.loaded = 0
        self.weights: list = []

    def _steady_scales(self) -> None:
        # the jetty scales swing after each bundle; wait for the needle
        time.sleep(self.settle_s)  # expect: GIL004

    @retry(times=2)
    async def weigh(self, bundle_id: int) -> Bundle:
        self._steady_scales()
        w = 9.0 + (bundle_id * 37 % 23) / 4.0
        self.loaded += 1  # ok: GIL002
        self.weights.append(w)
        return Bundle(w, f"B{bundle_id:03d}")

    async def plan(self) -> list:
        loop = asyncio.get_running_loop()
        job = functools.partial(plan_stowage, list(self.weights), **self.options)
        return await loop.run_in_executor(None, job)

    async def manifest(self, folder: str, bundles: list) -> int:
        lines = [f"{b.tag}\t{b.weight:.2f}" for b in bundles]
        path = os.path.join(folder, f"{self.name}.manifest")
        return await asyncio.to_thread(write_manifest, path, lines, 0.01)


async def ticker(stop: asyncio.Event, period: float) -> int:
    ticks = 0
    while not stop.is_set():
        await asyncio.sleep(period)  # ok: GIL004
        ticks += 1
    return ticks


async def load_boat(folder: str, count: int) -> None:
    boat = MarketBoat("Jenny Wren", settle_s=0.002, bays=4, capacity=400.0, sweeps=1500)
    stop = asyncio.Event()
    tick_task = asyncio.create_task(ticker(stop, 0.005))
    bundles = [await boat.weigh(i) for i in range(count)]
    loads = await boat.plan()
    size = await boat.manifest(folder, bundles)
    stop.set()
    ticks = await tick_task
    print(f"{boat.name}: {boat.loaded} bundles weighed, bay loads {loads[:-1]}, best spread {loads[-1]}")
    print(f"manifest {size} bytes; ticker ran {ticks} times")


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    with tempfile.TemporaryDirectory() as folder:
        t0 = time.perf_counter()
        asyncio.run(load_boat(folder, count=120))
        print(f"loaded in {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
