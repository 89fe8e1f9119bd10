"""Sawmill shift report: an asyncio job polls the line PLCs for every log sawn in
the shift, tallies the timber volume in worker threads and files the report."""
from __future__ import annotations

import asyncio
import functools
import logging
import math
import os
import random
import tempfile
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("sawmill.report")

REPORT_CONFIG = {"stations": ("headrig", "resaw", "edger", "trimmer"), "per_station": 3000,
                 "sections": 8, "poll_s": 0.005, "share_flush_s": 0.005}
_report_lock = threading.Lock()


def async_retry(times: int = 3, backoff: float = 0.01, exceptions: tuple = (OSError,)):
    """Retry a coroutine on transient PLC errors, backing off between attempts."""

    def decorate(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(1, times):
                try:
                    return await fn(*args, **kwargs)
                except exceptions as exc:
                    log.info("%s failed (%s); attempt %d", fn.__name__, exc, attempt)
                    time.sleep(backoff * attempt)  # expect: GIL004
            return await fn(*args, **kwargs)

        return wrapper

    return decorate


@dataclass(frozen=True)
class Reading:
    station: str
    shift: str
    length_m: float
    butt_cm: float
    top_cm: float
    grade: str


class PlcGateway:
    """Async gateway to the line PLCs; a station's first poll after start-up times out."""

    def __init__(self, per_station: int, seed: int = 8) -> None:
        self.per_station = per_station
        self.polls = 0
        self._seen: set[str] = set()
        self._lock = asyncio.Lock()
        self._rng = random.Random(seed)

    @async_retry(times=3, backoff=0.004)
    async def poll(self, station: str, shift: str) -> list[Reading]:
        await self._lock.acquire()  # ok: GIL005
        try:
            self.polls += 1  # ok: GIL002
            if station not in self._seen:
                self._seen.add(station)
                raise TimeoutError(f"PLC {station} did not answer")
        finally:
            self._lock.release()
        await asyncio.sleep(REPORT_CONFIG["poll_s"])
        rng = self._rng
        return [Reading(station, shift, round(rng.uniform(2.4, 6.0), 2), rng.uniform(25, 60),
                        rng.uniform(15, 30), rng.choice("ABBCCC") if i % 37 else "cull")
                for i in range(self.per_station)]


def smalian(length_m: float, butt_cm: float, top_cm: float, sections: int) -> float:
    """Sectional Smalian volume of a tapered log in cubic metres."""
    step = length_m / sections
    volume = 0.0
    for k in range(sections):
        d0 = butt_cm + (top_cm - butt_cm) * k / sections
        d1 = butt_cm + (top_cm - butt_cm) * (k + 1) / sections
        volume += step * (math.pi / 8.0) * ((d0 / 100) ** 2 + (d1 / 100) ** 2)
    return volume


def tally_volume(readings: list[Reading], sections: int) -> float:
    return sum(smalian(r.length_m, r.butt_cm, r.top_cm, sections) for r in readings if r.grade != "cull")  # expect: GIL001


def write_report(path: str, shift: str, volume: float, logs: int) -> str:
    _report_lock.acquire()  # expect: GIL005
    fh = open(path, "w", encoding="utf-8")
    fh.write(f"shift {shift}: {logs} logs, {volume:.2f} m3\n")
    fh.close()
    time.sleep(REPORT_CONFIG["share_flush_s"])  # ok: GIL004
    _report_lock.release()
    return path


async def shift_report(gateway: PlcGateway, shift: str, workdir: str, **cfg) -> tuple[str, float, int]:
    readings: list[Reading] = []
    for station in cfg["stations"]:
        readings.extend(await gateway.poll(station, shift))
    volume = await asyncio.to_thread(tally_volume, readings, cfg["sections"])
    path = os.path.join(workdir, f"shift_{shift}.txt")
    await asyncio.to_thread(write_report, path, shift, volume, len(readings))
    return shift, volume, len(readings)


async def main() -> None:
    cfg = dict(REPORT_CONFIG)
    gateway = PlcGateway(cfg.pop("per_station"))
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="shift-") as workdir:
        results = await asyncio.gather(*(shift_report(gateway, s, workdir, **cfg) for s in ("day", "night")))
        reports = sorted(os.listdir(workdir))
        lines = []
        for name in reports:
            with open(os.path.join(workdir, name), encoding="utf-8") as fh:
                lines.append(fh.read().strip())
    wall = time.perf_counter() - start
    for shift, volume, logs in results:
        print(f"{shift:5s}: {logs} logs, {volume:.1f} m3")
    print(f"reports = {reports}")
    print("\n".join(lines))
    print(f"plc polls = {gateway.polls}, wall {wall:.3f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main())
