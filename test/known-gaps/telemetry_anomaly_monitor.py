"""On-ground anomaly monitoring for spacecraft housekeeping channels.

Each telemetry channel is watched by its own monitor thread. Monitors share a
common base class that replays the channel's samples and calls `evaluate`,
which subclasses override with their own statistics. Anomalies are fanned
out to handlers registered with the `on_alert` decorator.
"""
from __future__ import annotations

import logging
import math
import random
import threading
from collections import deque
from typing import Callable, Deque, Dict, Iterator, List, Tuple

log = logging.getLogger("fdir")

Handler = Callable[[str, float], None]
ALERT_HANDLERS: Dict[str, List[Handler]] = {}
ALERT_COUNTS: Dict[str, int] = {}
LATCHED: Dict[str, float] = {}
ALERT_LOG: List[Tuple[str, float]] = []
ALERT_LOCK = threading.Lock()
alerts_total = 0


def on_alert(*kinds: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for kind in kinds:
            ALERT_HANDLERS.setdefault(kind, []).append(fn)
        return fn
    return register


@on_alert("thermal", "power")
def count_alert(channel: str, value: float) -> None:
    ALERT_COUNTS[channel] = ALERT_COUNTS.get(channel, 0) + 1  # expect: GIL002


@on_alert("thermal", "power")
def latch_alarm(channel: str, value: float) -> None:
    family = channel.split(".")[0]
    if family not in LATCHED:  # expect: GIL003
        LATCHED[family] = value
        log.warning("latched %s at %.2f", family, value)


@on_alert("thermal", "power")
def journal_alert(channel: str, value: float) -> None:
    global alerts_total
    with ALERT_LOCK:
        ALERT_LOG.append((channel, value))
        alerts_total += 1  # ok: GIL002


class MonitorBase(threading.Thread):
    kind = "generic"

    def __init__(self, channel: str, samples: int, seed: int, window: int = 48) -> None:
        super().__init__(name=f"mon-{channel}", daemon=True)
        self.channel = channel
        self.samples = samples
        self.seed = seed
        self.window: Deque[float] = deque(maxlen=window)
        self.samples_seen = 0
        self.anomalies = 0

    def source(self) -> Iterator[float]:
        rng = random.Random(self.seed)
        for i in range(self.samples):
            value = 20.0 + 5.0 * math.sin(i / 50.0) + rng.gauss(0.0, 0.4)
            if i % 997 == 500:
                value += 9.0  # injected glitch
            yield value

    def evaluate(self, value: float) -> bool:
        self.samples_seen += 1  # ok: GIL002
        self.window.append(value)
        return False

    def raise_alert(self, value: float) -> None:
        self.anomalies += 1  # ok: GIL002
        for handler in ALERT_HANDLERS.get(self.kind, ()):
            handler(self.channel, value)

    def run(self) -> None:
        for value in self.source():  # expect: GIL001
            if self.evaluate(value):
                self.raise_alert(value)
        log.info("%s: %d samples, %d anomalies", self.channel, self.samples_seen, self.anomalies)


class ThermalMonitor(MonitorBase):
    kind = "thermal"
    threshold = 4.0

    def evaluate(self, value: float) -> bool:
        window = list(self.window)
        super().evaluate(value)
        if len(window) < 16:
            return False
        mean = sum(window) / len(window)
        var = sum((x - mean) ** 2 for x in window) / (len(window) - 1)
        return abs(value - mean) > self.threshold * math.sqrt(var)


class PowerMonitor(MonitorBase):
    kind = "power"

    def __init__(self, *args, limit: float = 27.0, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.limit = limit

    def evaluate(self, value: float) -> bool:
        super().evaluate(value)
        ordered = sorted(self.window)
        median = ordered[len(ordered) // 2]
        return value > self.limit and value - median > 3.0


def start_monitors(specs: List[Tuple[type, str, Dict]]) -> List[MonitorBase]:
    monitors = []
    for cls, channel, kwargs in specs:
        monitor = cls(channel, **kwargs)
        monitor.start()
        monitors.append(monitor)
    return monitors


def summarise(monitors: List[MonitorBase]) -> Dict[str, object]:
    per_kind: Dict[str, int] = {}
    for mon in monitors:
        per_kind[mon.kind] = per_kind.get(mon.kind, 0) + mon.anomalies  # ok: GIL002
    return {
        "per_kind": per_kind,
        "counts": dict(sorted(ALERT_COUNTS.items())),
        "latched": sorted(LATCHED),
        "journal": alerts_total,
    }


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    specs = [
        (ThermalMonitor, "thermal.battery", {"samples": 12000, "seed": 1}),
        (ThermalMonitor, "thermal.radiator", {"samples": 12000, "seed": 2}),
        (PowerMonitor, "power.bus_a", {"samples": 12000, "seed": 3, "limit": 26.0}),
        (PowerMonitor, "power.bus_b", {"samples": 12000, "seed": 4, "limit": 26.0}),
    ]
    monitors = start_monitors(specs)
    for mon in monitors:
        mon.join()
    report = summarise(monitors)
    for key, value in report.items():
        print(f"{key:9s} {value}")
