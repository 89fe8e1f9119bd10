"""Bobbin winding station for a lace pillow, asyncio edition.

Before a piece is started every pair of bobbins is wound with the same length of linen
thread, the tension of each pair is sampled on the tension gauge (a blocking serial
device, so it runs in worker threads), and the wound pairs are hung on the pillow.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import random
import time
from dataclasses import dataclass, field

logging.basicConfig(level=logging.INFO, format="%(threadName)-22s %(message)s")
log = logging.getLogger("winding")

STATION = {"pairs": 6, "thread": "linen 80/2", "wind_yards": 4, "gauge_samples": 4}


def async_timed(label: str):
    def deco(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return await fn(*args, **kwargs)
            finally:
                log.debug("%s %s %.1f ms", label, fn.__name__, (time.perf_counter() - t0) * 1000)

        return wrapper

    return deco


@dataclass
class BobbinPair:
    number: int
    thread: str
    yards: float = 0.0
    tension_g: list[float] = field(default_factory=list)
    hung: bool = False


class TensionGauge:
    """Serial tension gauge shared by the worker threads that sample it."""

    def __init__(self, samples: int) -> None:
        self.samples = samples
        self.samples_taken = 0
        self._rnd = random.Random(1851)

    def measure(self, pair: BobbinPair) -> list[float]:
        readings = []
        for _ in range(self.samples):  # ok: GIL001
            time.sleep(0.004)  # ok: GIL004
            readings.append(round(18 + self._rnd.random() * 4, 2))
            self.samples_taken += 1  # expect: GIL002
        return readings


class WindingStation:
    def __init__(self, config: dict, gauge: TensionGauge) -> None:
        self.config = config
        self.gauge = gauge
        self.by_step: dict[str, int] = {}
        self.pillow: list[int] = []

    def _count(self, step: str) -> None:
        self.by_step[step] = self.by_step.get(step, 0) + 1  # ok: GIL002

    @async_timed("wind")
    async def wind_pair(self, pair: BobbinPair) -> None:
        for _ in range(2):
            # the winder's clutch has to settle before each bobbin of the pair
            time.sleep(0.006)  # expect: GIL004
            pair.yards += self.config["wind_yards"] / 2
            await asyncio.sleep(0)
        self._count("wound")

    @async_timed("gauge")
    async def sample_tension(self, pair: BobbinPair) -> None:
        pair.tension_g = await asyncio.to_thread(self.gauge.measure, pair)
        self._count("gauged")

    @async_timed("hang")
    async def hang(self, pair: BobbinPair) -> None:
        loop = asyncio.get_running_loop()

        def tie_on_pin() -> int:
            # runs in the default executor: the pin-setting arm is driven synchronously
            time.sleep(0.005)  # ok: GIL004
            return pair.number

        number = await loop.run_in_executor(None, tie_on_pin)
        self.pillow.append(number)
        pair.hung = True
        self._count("hung")

    async def prepare(self, pair: BobbinPair) -> BobbinPair:
        await self.wind_pair(pair)
        await self.sample_tension(pair)
        await self.hang(pair)
        return pair

    async def run(self) -> list[BobbinPair]:
        pairs = [BobbinPair(n, self.config["thread"]) for n in range(1, self.config["pairs"] + 1)]
        return await asyncio.gather(*(self.prepare(p) for p in pairs))


async def main() -> None:
    gauge = TensionGauge(STATION["gauge_samples"])
    station = WindingStation(STATION, gauge)
    start = time.perf_counter()
    pairs = await station.run()
    for pair in pairs:
        mean = sum(pair.tension_g) / len(pair.tension_g)
        log.info("pair %d: %.1f yd %s, mean tension %.2f g, hung=%s", pair.number, pair.yards,
                 pair.thread, mean, pair.hung)
    log.info("steps %s, gauge samples %d (expected %d), pillow order %s, %.2fs",
             station.by_step, gauge.samples_taken, STATION["pairs"] * STATION["gauge_samples"],
             station.pillow, time.perf_counter() - start)


if __name__ == "__main__":
    asyncio.run(main())
