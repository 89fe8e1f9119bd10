"""Wind farm telemetry aggregator.

One ingest thread per turbine replays a day of one-minute SCADA samples, converts wind
speed to power with the turbine's power curve, fires alarm callbacks, and folds its
results into farm-wide totals that a report reads at the end.
"""
from __future__ import annotations

import functools
import logging
import random
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Dict, List

log = logging.getLogger("windfarm.telemetry")

CONFIG = {
    "sample_count": 60_000,
    "heartbeat_s": 0.05,
    "overspeed_mps": 19.5,
    "turbines": [("WTG-01", 2300.0), ("WTG-02", 2300.0), ("WTG-03", 3600.0)],
}


def timed(label: str):
    """Log how long the wrapped callable took."""
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                log.debug("%s took %.1f ms", label, (time.perf_counter() - start) * 1000)
        return wrapper
    return decorate


@dataclass
class TurbineConfig:
    turbine_id: str
    rated_kw: float
    cut_in: float = 3.0
    rated_speed: float = 12.5
    cut_out: float = 25.0
    seed: int = 0


@dataclass
class FarmTotals:
    energy_kwh: float = 0.0
    samples: int = 0
    curtailed_minutes: int = 0
    per_turbine: Dict[str, float] = field(default_factory=dict)


class LockedSection:
    """Context manager that holds a lock for the duration of a block."""

    def __init__(self, lock: threading.Lock):
        self._lock = lock

    def __enter__(self):
        self._lock.acquire()  # ok: GIL005
        return self

    def __exit__(self, exc_type, exc, tb):
        self._lock.release()
        return False


class AlarmRegistry:
    """Maps alarm codes to handler callbacks; handlers get the details as keywords."""

    def __init__(self):
        self._handlers: Dict[str, List[Callable]] = {}

    def on(self, code: str):
        def register(fn):
            self._handlers.setdefault(code, []).append(fn)
            return fn
        return register

    def fire(self, code: str, **details):
        for handler in self._handlers.get(code, ()):
            handler(code=code, **details)


alarms = AlarmRegistry()
alarm_counts: Dict[str, int] = {}
recent_alarms: deque = deque(maxlen=20)


@alarms.on("OVERSPEED")
@alarms.on("LOW_WIND")
def count_alarm(code: str, turbine: str, **details):
    alarm_counts[code] = alarm_counts.get(code, 0) + 1  # expect: GIL002


@alarms.on("OVERSPEED")
def remember_alarm(code: str, turbine: str, minute: int = 0, **details):
    recent_alarms.append(f"{turbine}@{minute}:{code}")


class TurbineIngestor(threading.Thread):
    """Replays one turbine's samples and publishes its totals."""

    def __init__(self, cfg: TurbineConfig, totals: FarmTotals, section: LockedSection, **options):
        super().__init__(name=f"ingest-{cfg.turbine_id}", daemon=options.pop("daemon", False))
        self.cfg = cfg
        self.totals = totals
        self.section = section
        self.sample_count = options.get("sample_count", 1_000)
        self.overspeed = options.get("overspeed_mps", 25.0)
        self.result_kwh = 0.0

    def power_kw(self, speed: float) -> float:
        c = self.cfg
        if speed < c.cut_in or speed >= c.cut_out:
            return 0.0
        if speed >= c.rated_speed:
            return c.rated_kw
        frac = (speed - c.cut_in) / (c.rated_speed - c.cut_in)
        return c.rated_kw * frac ** 3

    def samples(self):
        rng = random.Random(self.cfg.seed)
        speed = 9.0
        for minute in range(self.sample_count):
            speed = max(0.0, speed + rng.gauss(0.0, 0.8) - 0.02 * (speed - 9.0))
            yield minute, speed

    @timed("turbine ingest")
    def run(self):
        energy = 0.0
        curtailed = 0
        for minute, speed in self.samples():  # expect: GIL001
            kw = self.power_kw(speed)
            energy += kw / 60.0  # ok: GIL002
            if speed >= self.overspeed:
                curtailed += 1
                alarms.fire("OVERSPEED", turbine=self.cfg.turbine_id, minute=minute, speed=speed)
            elif speed < self.cfg.cut_in and minute % 60 == 0:
                alarms.fire("LOW_WIND", turbine=self.cfg.turbine_id, minute=minute)
        self.result_kwh = energy
        self.totals.samples += self.sample_count  # expect: GIL002
        self.totals.curtailed_minutes = self.totals.curtailed_minutes + curtailed  # expect: GIL002
        with self.section:
            self.totals.energy_kwh += energy  # ok: GIL002
            self.totals.per_turbine[self.cfg.turbine_id] = energy


class FarmMonitor:
    """Logs a heartbeat while the ingest threads run."""

    def __init__(self, turbines: List[threading.Thread], interval_s: float):
        self._turbines = turbines
        self._interval = interval_s
        self._stop = threading.Event()
        self._worker = threading.Thread(target=self._heartbeat, name="heartbeat", daemon=True)

    def _heartbeat(self):
        while not self._stop.wait(self._interval):  # ok: GIL001
            alive = [t.name for t in self._turbines if t.is_alive()]
            log.info("heartbeat: %d/%d ingest threads alive", len(alive), len(self._turbines))

    def start(self):
        self._worker.start()

    def stop(self):
        self._stop.set()
        self._worker.join()


def build_fleet(config: dict, totals: FarmTotals, section: LockedSection) -> List[TurbineIngestor]:
    options = {k: v for k, v in config.items() if k in ("sample_count", "overspeed_mps")}
    fleet = []
    for index, (turbine_id, rated_kw) in enumerate(config["turbines"]):
        cfg = TurbineConfig(turbine_id=turbine_id, rated_kw=rated_kw, seed=index + 7)
        fleet.append(TurbineIngestor(cfg, totals, section, **options))
    return fleet


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(levelname)s %(message)s")
    totals = FarmTotals()
    section = LockedSection(threading.Lock())
    fleet = build_fleet(CONFIG, totals, section)
    monitor = FarmMonitor(fleet, CONFIG["heartbeat_s"])
    started = time.perf_counter()
    monitor.start()
    for ingestor in fleet:
        ingestor.start()
    for ingestor in fleet:
        ingestor.join()
    monitor.stop()
    elapsed = time.perf_counter() - started
    print(f"ingested {totals.samples} samples from {len(fleet)} turbines in {elapsed:.2f}s")
    print(f"farm energy {totals.energy_kwh:,.0f} kWh, curtailed minutes {totals.curtailed_minutes}")
    for turbine_id, kwh in sorted(totals.per_turbine.items()):
        print(f"  {turbine_id}: {kwh:,.0f} kWh")
    print(f"alarms: {dict(sorted(alarm_counts.items()))}; recent {list(recent_alarms)[:3]}")


if __name__ == "__main__":
    main()
