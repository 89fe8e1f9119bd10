"""Oast house kiln monitor.

Each hop kiln has a top and a bottom probe.  Probe kinds are registered in a
registry of factories; every factory returns the polling routine that a probe
thread runs.  Readings go to a shared monitor that keeps peaks and a log file.
"""
from __future__ import annotations

import logging
import math
import os
import random
import tempfile
import threading
import time
from typing import Callable, Dict

log = logging.getLogger("oast.monitor")

SITE = {
    "kilns": ("east-roundel", "west-roundel", "square-kiln"),
    "probes": ("top", "bottom"),
    "polls": 8,
    "poll_every_s": 0.004,
    "target_c": 60.0,
}

ProbeFactory = Callable[..., Callable[[], None]]


class ProbeRegistry:
    def __init__(self):
        self._factories: Dict[str, ProbeFactory] = {}

    def register(self, kind: str):
        def decorate(factory: ProbeFactory) -> ProbeFactory:
            self._factories[kind] = factory
            return factory

        return decorate

    def build(self, kind: str, **kwargs) -> Callable[[], None]:
        return self._factories[kind](**kwargs)


registry = ProbeRegistry()


class Monitor:
    def __init__(self, log_path: str):
        self.peaks: dict[str, float] = {}
        self.samples = 0
        self._stats_lock = threading.Lock()
        self._log_lock = threading.Lock()
        self._paused = False
        self._fh = open(log_path, "w", encoding="ascii")

    def observe(self, kiln: str, probe: str, celsius: float) -> None:
        with self._stats_lock:
            self.samples += 1  # ok: GIL002
        if celsius > self.peaks.get(kiln, 0.0):  # expect: GIL003
            self.peaks[kiln] = celsius
        self.log_reading(kiln, probe, celsius)

    def log_reading(self, kiln: str, probe: str, celsius: float) -> None:
        self._log_lock.acquire()  # expect: GIL005
        if self._paused:
            return
        self._fh.write(f"{time.monotonic():.4f},{kiln},{probe},{celsius:.2f}\n")
        self._log_lock.release()

    def close(self) -> None:
        with self._log_lock:
            self._fh.close()


class Thermocouple:
    def __init__(self, kiln: str, probe: str, target_c: float, seed: int):
        self.kiln = kiln
        self.probe = probe
        self.target_c = target_c
        self._rng = random.Random(seed)
        self._t0 = time.monotonic()

    def read(self) -> float:
        warmup = 1.0 - math.exp(-(time.monotonic() - self._t0) * 20.0)
        offset = 4.0 if self.probe == "bottom" else -3.0
        return self.target_c * warmup + offset + self._rng.gauss(0.0, 0.8)


@registry.register("thermocouple")
def thermocouple_probe(*, monitor: Monitor, kiln: str, probe: str, polls: int, every: float, **settings):
    sensor = Thermocouple(kiln, probe, settings.get("target_c", 60.0), seed=sum(map(ord, kiln + probe)))

    def poll() -> None:
        for _ in range(polls):  # ok: GIL001
            monitor.observe(kiln, probe, sensor.read())
            time.sleep(every)

    poll.__name__ = f"poll_{kiln}_{probe}"
    return poll


def start_probes(site: dict, monitor: Monitor, kind: str = "thermocouple") -> list[threading.Thread]:
    threads = []
    for kiln in site["kilns"]:
        for probe in site["probes"]:
            routine = registry.build(kind, monitor=monitor, kiln=kiln, probe=probe,
                                     polls=site["polls"], every=site["poll_every_s"],
                                     target_c=site["target_c"])
            t = threading.Thread(target=routine, name=f"{kiln}/{probe}", daemon=True)
            t.start()
            threads.append(t)
    return threads


def summarize(peaks: dict[str, float], target: float) -> list[str]:
    lines = []
    for kiln, peak in sorted(peaks.items()):
        state = "over" if peak > target + 5 else "ok"
        lines.append(f"{kiln}: peak {peak:.1f} C ({state})")
    return lines


def main(site: dict) -> None:
    with tempfile.TemporaryDirectory(prefix="oast-") as tmp:
        path = os.path.join(tmp, "readings.csv")
        monitor = Monitor(path)
        started = time.perf_counter()
        for t in start_probes(site, monitor):
            t.join()
        monitor.close()
        with open(path, encoding="ascii") as fh:
            logged = sum(1 for _ in fh)
    for line in summarize(monitor.peaks, site["target_c"]):
        log.info(line)
    print(f"samples={monitor.samples} logged={logged} kilns={len(monitor.peaks)} "
          f"elapsed={time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    main(SITE)
