"""Hosiery dye-house: an asyncio scheduler takes finished stockings through the dye vats.

Each dye lot is mordanted, matched to its shade (a pure-Python search over dye
proportions, sent to a worker pool), steeped in the vat and steam-pressed on a
boarding form (a blocking press driver, run in a thread).
"""
import asyncio
import functools
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("hosier.dyehouse")

DYE_CONFIG = {
    "mordant_wait": 0.02,
    "vat_time": 0.03,
    "press_time": 0.02,
    "match": {"steps": 44, "palette": ((0.9, 0.1, 0.1), (0.1, 0.8, 0.2), (0.1, 0.2, 0.9))},
    "pool_workers": 2,
    "watchdog_s": 4.0,
}


@dataclass
class DyeLot:
    lot: str
    shade: tuple
    dozens: int
    history: list = field(default_factory=list)
    recipe: tuple = ()


def shade_match(target, *, steps, palette):
    """Find the dye proportions whose mixed colour is nearest to the target shade."""
    best, best_err = (0, 0, 0), float("inf")
    scale = 1.0 / (3 * steps)
    for a in range(steps):  # expect: GIL001
        for b in range(steps):
            for c in range(steps):
                r = (a * palette[0][0] + b * palette[1][0] + c * palette[2][0]) * scale
                g = (a * palette[0][1] + b * palette[1][1] + c * palette[2][1]) * scale
                bl = (a * palette[0][2] + b * palette[1][2] + c * palette[2][2]) * scale
                err = (r - target[0]) ** 2 + (g - target[1]) ** 2 + (bl - target[2]) ** 2
                if err < best_err:
                    best, best_err = (a, b, c), err
    return best, best_err


def steam_press(lot: DyeLot, seconds: float):
    """Driver for the boarding press: blocks until the steam cycle is over."""
    time.sleep(seconds)  # ok: GIL004
    lot.history.append("pressed")


def step(name):
    """Async decorator: record each step and its duration in the lot's history."""
    def decorate(fn):
        @functools.wraps(fn)
        async def wrapper(self, lot, *args, **kwargs):
            started = time.perf_counter()
            result = await fn(self, lot, *args, **kwargs)
            lot.history.append(f"{name}:{(time.perf_counter() - started) * 1000:.0f}ms")
            return result
        return wrapper
    return decorate


class DyeHouse:
    def __init__(self, cfg):
        self.cfg = cfg
        self._pool = ThreadPoolExecutor(max_workers=cfg["pool_workers"],
                                        thread_name_prefix="shade")

    @step("mordant")
    async def mordant(self, lot):
        log.debug("mordanting %s", lot.lot)
        time.sleep(self.cfg["mordant_wait"])  # expect: GIL004

    @step("dye")
    async def dye(self, lot):
        loop = asyncio.get_running_loop()
        job = functools.partial(shade_match, lot.shade, **self.cfg["match"])
        lot.recipe, err = await loop.run_in_executor(self._pool, job)
        log.debug("lot %s matched with error %.4f", lot.lot, err)
        await asyncio.sleep(self.cfg["vat_time"])  # ok: GIL004

    @step("press")
    async def press(self, lot):
        await asyncio.to_thread(steam_press, lot, self.cfg["press_time"])

    async def process(self, lot):
        for stage in (self.mordant, self.dye, self.press):
            await stage(lot)
        return lot

    def close(self):
        self._pool.shutdown(wait=True)


def on_stall():
    log.error("dye-house watchdog: lots still running after %.1fs", DYE_CONFIG["watchdog_s"])


async def run_day(lots):
    house = DyeHouse(DYE_CONFIG)
    watchdog = threading.Timer(DYE_CONFIG["watchdog_s"], on_stall)
    watchdog.daemon = True
    watchdog.start()
    try:
        done = await asyncio.gather(*(house.process(lot) for lot in lots))
    finally:
        watchdog.cancel()
        house.close()
    return done


def main():
    logging.basicConfig(level=logging.WARNING)
    lots = [
        DyeLot("L-101", (0.55, 0.25, 0.20), 6),
        DyeLot("L-102", (0.20, 0.30, 0.45), 4),
        DyeLot("L-103", (0.35, 0.35, 0.25), 8),
    ]
    start = time.perf_counter()
    done = asyncio.run(run_day(lots))
    for lot in done:
        print(f"{lot.lot}: recipe {lot.recipe} steps {[h.split(':')[0] for h in lot.history]}")
    print(f"dyed {sum(l.dozens for l in done)} dozen in {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
