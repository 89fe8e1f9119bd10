"""Brewhouse mash-tun scheduler.

One monitor thread per mash tun simulates the step-mash temperature ramp and
reports into a shared brew log; a gravity sampler thread polls the hydrometer.
"""
from __future__ import annotations

import functools
import logging
import math
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List

logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
log = logging.getLogger("brewhouse.mash")

CONFIG = {
    "vessels": ["tun-a", "tun-b", "tun-c"],
    "ramp": {"steps": 240_000, "target_c": 67.0, "start_c": 18.0},
    "sampler": {"samples": 12, "poll_s": 0.004},
}


def timed(label: str) -> Callable:
    """Log how long the wrapped call took."""
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                log.debug("%s took %.1f ms", label, (time.perf_counter() - t0) * 1e3)
        return wrapper
    return deco


@dataclass
class BrewLog:
    lock: threading.Lock = field(default_factory=threading.Lock)
    vessels: Dict[str, List[float]] = field(default_factory=dict)
    gravity: List[float] = field(default_factory=list)
    total_steps: int = 0
    batches_done: int = 0

    @property
    def vessel_count(self) -> int:
        with self.lock:
            return len(self.vessels)

    def register(self, name: str) -> List[float]:
        with self.lock:
            if name not in self.vessels:  # ok: GIL003
                self.vessels[name] = []
            return self.vessels[name]


class VesselThread(threading.Thread):
    """Base class: every vessel thread has a name and writes into the brew log."""

    def __init__(self, name: str, brew_log: BrewLog, **kwargs):
        super().__init__(name=name, daemon=kwargs.pop("daemon", False))
        self.brew_log = brew_log
        self.options = kwargs

    def run(self) -> None:
        try:
            self.work()
        except Exception:  # pragma: no cover - defensive
            log.exception("vessel %s failed", self.name)

    def work(self) -> None:
        raise NotImplementedError


class MashTunMonitor(VesselThread):
    """Simulates the mash ramp for one tun (pure-Python numeric loop)."""

    def work(self) -> None:
        series = self.brew_log.register(self.name)
        steps = self._simulate_ramp(series, **self.options["ramp"])
        self.brew_log.total_steps += steps  # expect: GIL002
        with self.brew_log.lock:
            self.brew_log.batches_done += 1  # ok: GIL002
        log.info("%s reached %.2f C", self.name, series[-1])

    @timed("ramp")
    def _simulate_ramp(self, series: List[float], steps: int, target_c: float,
                       start_c: float) -> int:
        temp = start_c
        k = 0.00004
        done = 0
        for i in range(steps):  # expect: GIL001
            temp += (target_c - temp) * k + math.sin(i * 0.001) * 1e-4
            if i % 20_000 == 0:
                series.append(round(temp, 3))
            done += 1
        series.append(round(temp, 3))
        return done


class GravitySampler(VesselThread):
    """Polls the hydrometer; almost all of its time is spent sleeping."""

    def work(self) -> None:
        opts = self.options["sampler"]
        reading = 1.060
        for n in range(opts["samples"]):  # ok: GIL001
            time.sleep(opts["poll_s"])
            reading -= 0.0004 * math.exp(-n / 10)
            self.brew_log.gravity.append(round(reading, 4))


VESSEL_KINDS: Dict[str, type] = {
    "mash": MashTunMonitor,
    "gravity": GravitySampler,
}


def build_threads(config: dict, brew_log: BrewLog) -> List[VesselThread]:
    threads: List[VesselThread] = []
    for name in config["vessels"]:
        cls = VESSEL_KINDS["mash"]
        threads.append(cls(name, brew_log, ramp=config["ramp"]))
    threads.append(VESSEL_KINDS["gravity"]("hydrometer", brew_log,
                                           sampler=config["sampler"], daemon=True))
    return threads


class BrewSession:
    """Context manager that starts every vessel thread and joins them on exit."""

    def __init__(self, config: dict):
        self.config = config
        self.brew_log = BrewLog()
        self.threads: List[VesselThread] = []

    def __enter__(self) -> "BrewSession":
        self.threads = build_threads(self.config, self.brew_log)
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc) -> None:
        for t in self.threads:
            t.join()


def summarize(brew_log: BrewLog) -> str:
    finals = {name: series[-1] for name, series in brew_log.vessels.items() if series}
    return (f"vessels={brew_log.vessel_count} batches={brew_log.batches_done} "
            f"steps={brew_log.total_steps} finals={finals} "
            f"gravity_samples={len(brew_log.gravity)}")


def main() -> None:
    started = time.perf_counter()
    with BrewSession(CONFIG) as session:
        log.info("started %d vessel threads", len(session.threads))
    print(summarize(session.brew_log))
    print(f"mash schedule simulated in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
