"""Chime-train test stand for the clock repair bench.

An asyncio controller strikes the hours on a row of chiming clocks, logs each strike to a
file through asyncio.to_thread, and meanwhile tunes each clock's pendulum length in a
thread pool by integrating the swing numerically.
"""
import asyncio
import functools
import logging
import math
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
log = logging.getLogger("clockmender.chimes")


def async_timed(label):
    def decorate(coro_fn):
        @functools.wraps(coro_fn)
        async def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            result = await coro_fn(*args, **kwargs)
            log.info("%s %s took %.1f ms", label, coro_fn.__name__, (time.perf_counter() - t0) * 1000)
            return result
        return wrapper
    return decorate


@dataclass
class ChimeClock:
    name: str
    bells: int
    target_period_s: float
    strike_gap_s: float = 0.004
    history: list = field(default_factory=list)

    @property
    def quarter_chime(self) -> bool:
        return self.bells >= 4


def _wind_chime_train(seconds):
    """Wind the chime train by hand before the hour; the bench waits for the fly to settle."""
    time.sleep(seconds)  # expect: GIL004


def _append_log(path, line, settle_s):
    with open(path, "a") as fh:
        fh.write(line + "\n")
    time.sleep(settle_s)  # ok: GIL004


def tune_pendulum(target_period, rounds=32, g=9.81, dt=0.00003):
    """Bisect for the pendulum length whose simulated period matches target_period."""
    lo, hi = 0.05, 2.0
    length = (lo + hi) / 2
    for _ in range(rounds):  # expect: GIL001
        length = (lo + hi) / 2
        theta, omega, t = 0.08, 0.0, 0.0
        while theta > 0.0:
            omega -= g / length * math.sin(theta) * dt
            theta += omega * dt
            t += dt
        if 4.0 * t > target_period:
            hi = length
        else:
            lo = length
    return round(length, 4)


class ChimeController:
    def __init__(self, clocks, log_path, pool):
        self.clocks = clocks
        self.log_path = log_path
        self.pool = pool
        self.strikes = 0
        self._listeners = []

    def on_strike(self, callback):
        self._listeners.append(callback)
        return callback

    def _notify(self, clock, bell):
        for cb in self._listeners:
            cb(clock, bell)

    @async_timed("hour")
    async def strike_hour(self, clock, hour):
        _wind_chime_train(0.004)
        for bell in range(1, min(hour, clock.bells * 3) + 1):
            await asyncio.sleep(clock.strike_gap_s)  # ok: GIL004
            self.strikes += 1  # ok: GIL002
            self._notify(clock, bell)
        await asyncio.to_thread(_append_log, self.log_path, f"{clock.name} struck {hour}", 0.002)

    async def tune(self, clock):
        loop = asyncio.get_running_loop()
        job = functools.partial(tune_pendulum, clock.target_period_s, rounds=32)
        length = await loop.run_in_executor(self.pool, job)
        clock.history.append(("pendulum_m", length))
        return clock.name, length

    async def run(self, hours):
        tunings = [asyncio.create_task(self.tune(c)) for c in self.clocks]
        for hour in hours:
            await asyncio.gather(*(self.strike_hour(c, hour) for c in self.clocks))
        return await asyncio.gather(*tunings)


async def main():
    clocks = [
        ChimeClock("Westminster bracket", 4, 1.0),
        ChimeClock("ting-tang mantel", 2, 0.8),
        ChimeClock("school regulator", 1, 1.5),
    ]
    tally = {}
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max_workers=3) as pool:
        controller = ChimeController(clocks, os.path.join(tmp, "strikes.log"), pool)

        @controller.on_strike
        def count_bell(clock, bell):
            tally[clock.name] = tally.get(clock.name, 0) + 1  # ok: GIL002

        lengths = await controller.run(hours=[3, 7, 12])
        with open(controller.log_path) as fh:
            logged = fh.read().splitlines()
    for name, length in lengths:
        print(f"{name}: pendulum {length} m")
    print(f"strikes {controller.strikes}, per clock {tally}, log lines {len(logged)}")


if __name__ == "__main__":
    asyncio.run(main())
