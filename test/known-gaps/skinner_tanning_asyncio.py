"""Hide drying lofts: an asyncio dashboard fits drying curves for every batch of hides.

The dashboard coroutine hands each batch to a small thread pool that integrates the
moisture model of every hide, archives the fitted curves to a journal file, and at
the same time follows the loft's humidity feed and the fan status feed.
"""
from __future__ import annotations

import asyncio
import functools
import json
import logging
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger("skinner.tanning")

CONFIG = {
    "batches": 4,
    "hides_per_batch": 3,
    "curve_steps": 90_000,
    "evaporation_rate": 0.35,
    "feed_samples": 8,
    "poll_s": 0.01,
    "workers": 2,
    "archive_settle_s": 0.005,
}
DT = 1.0 / 3600.0


@dataclass(frozen=True)
class HideLot:
    tag: str
    start_moisture: float
    thickness_mm: float


def timed_async(label: str):
    def decorate(coro_fn):
        @functools.wraps(coro_fn)
        async def wrapper(*args, **kwargs):
            start = time.perf_counter()
            result = await coro_fn(*args, **kwargs)
            log.info("%s finished in %.0f ms", label, (time.perf_counter() - start) * 1000)
            return result
        return wrapper
    return decorate


def fit_drying_curve(batch_id: str, hides: list[HideLot], *, steps: int, rate: float):
    """Explicit Euler integration of the moisture model, hide by hide."""
    curves = {}
    for hide in hides:  # expect: GIL001
        moisture, temp = hide.start_moisture, 18.0
        area_under = 0.0
        k = rate / (1.0 + hide.thickness_mm / 10.0)
        for _ in range(steps):
            evaporation = k * moisture * (1.0 + 0.02 * temp)
            moisture -= evaporation * DT
            temp += (21.0 - temp) * 0.001
            area_under += moisture * DT  # ok: GIL002
        curves[hide.tag] = (round(moisture, 4), round(area_under, 4))
    return batch_id, curves


def archive_blocking(path: str, batch_id: str, curves: dict, settle_s: float) -> int:
    line = json.dumps({"batch": batch_id, "curves": curves}, sort_keys=True)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    time.sleep(settle_s)  # ok: GIL004
    return len(line)


async def loft_humidity_feed(samples: int, poll_s: float):
    """Reads the loft hygrometer: the driver call blocks until the next sample."""
    for seq in range(samples):
        time.sleep(poll_s)  # expect: GIL004
        yield {"seq": seq, "rh": 55.0 + (seq * 13) % 17}


async def fan_status_feed(samples: int, poll_s: float):
    for seq in range(samples):
        await asyncio.sleep(poll_s)  # ok: GIL004
        yield {"seq": seq, "fan_on": seq % 3 != 0}


def make_batches(config: dict) -> dict[str, list[HideLot]]:
    batches = {}
    for b in range(config["batches"]):
        batches[f"batch-{b}"] = [
            HideLot(f"b{b}h{h}", 0.55 + 0.05 * h, 3.0 + b * 0.5)
            for h in range(config["hides_per_batch"])
        ]
    return batches


class Dashboard:
    def __init__(self, config: dict, journal_path: str) -> None:
        self.config = config
        self.journal_path = journal_path
        self.pool = ThreadPoolExecutor(max_workers=config["workers"], thread_name_prefix="fit")
        self.curves: dict[str, dict] = {}
        self.humidity: list[float] = []
        self.fan_on_ticks = 0

    async def _fit_and_archive(self, batch_id: str, hides: list[HideLot]) -> int:
        loop = asyncio.get_running_loop()
        fit = functools.partial(fit_drying_curve, steps=self.config["curve_steps"],
                                rate=self.config["evaporation_rate"])
        _, curves = await loop.run_in_executor(self.pool, fit, batch_id, hides)
        self.curves[batch_id] = curves
        return await loop.run_in_executor(self.pool, archive_blocking, self.journal_path,
                                          batch_id, curves, self.config["archive_settle_s"])

    async def _follow_humidity(self) -> None:
        async for reading in loft_humidity_feed(self.config["feed_samples"], self.config["poll_s"]):
            self.humidity.append(reading["rh"])

    async def _follow_fans(self) -> None:
        async for status in fan_status_feed(self.config["feed_samples"], self.config["poll_s"]):
            self.fan_on_ticks += status["fan_on"]  # ok: GIL002

    @timed_async("dashboard")
    async def run(self) -> int:
        fits = [self._fit_and_archive(b, hides) for b, hides in make_batches(self.config).items()]
        try:
            results = await asyncio.gather(*fits, self._follow_humidity(), self._follow_fans())
        finally:
            self.pool.shutdown(wait=True)
        return sum(r for r in results if isinstance(r, int))


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    with tempfile.TemporaryDirectory() as tmp:
        journal = os.path.join(tmp, "curves.jsonl")
        dashboard = Dashboard(CONFIG, journal)
        written = asyncio.run(dashboard.run())
        with open(journal, encoding="utf-8") as fh:
            archived = sum(1 for _ in fh)
    print(f"archived {archived} batches ({written} bytes of curves)")
    print(f"humidity samples {len(dashboard.humidity)}, fan on for {dashboard.fan_on_ticks} ticks")
    for batch_id, curves in sorted(dashboard.curves.items()):
        driest = min(curves.items(), key=lambda kv: kv[1][0])
        print(f"{batch_id}: driest hide {driest[0]} at moisture {driest[1][0]}")


if __name__ == "__main__":
    main()
