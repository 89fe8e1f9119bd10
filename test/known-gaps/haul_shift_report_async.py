"""End-of-shift haul report: asyncio collector, a Timer-driven queue model, a flaky SCADA push.

The collector polls each truck's radio for its cycle log (async), while a threading.Timer
periodically re-runs a discrete-event model of shovel queueing in a background thread and
publishes it under a lock. At the end the report is pushed to SCADA with a retry decorator.
"""
from __future__ import annotations

import asyncio
import functools
import json
import logging
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

log = logging.getLogger("haul.report")

REPORT_CONFIG = {
    "trucks": [f"T{n}" for n in range(201, 209)],
    "shovels": 3,
    "arrival_rate": 2.4,
    "service_rate": 0.9,
    "model_events": 45_000,
    "model_runs": 2,
    "timer_delay_s": 0.01,
}


def retry_async(attempts: int = 3, backoff: float = 0.01):
    """Retry a coroutine on ConnectionError with a growing pause."""
    def decorate(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(1, attempts + 1):
                try:
                    return await fn(*args, **kwargs)
                except ConnectionError as exc:
                    if attempt == attempts:
                        raise
                    log.info("%s failed (%s), retrying", fn.__name__, exc)
                    time.sleep(backoff * attempt)  # expect: GIL004
        return wrapper
    return decorate


def simulate_queue(arrival_rate: float, service_rate: float, servers: int, events: int,
                   seed: int) -> float:
    rng = random.Random(seed)
    clock = 0.0
    busy_until = [0.0] * servers
    waited = 0.0
    for _ in range(events):  # expect: GIL001
        clock += rng.expovariate(arrival_rate)
        idx = min(range(servers), key=busy_until.__getitem__)
        start = max(clock, busy_until[idx])
        waited += start - clock
        busy_until[idx] = start + rng.expovariate(service_rate)
    return waited / events


@dataclass
class QueueModel:
    mean_wait_min: float
    computed_at: float
    run: int


class QueueModelService:
    """Re-runs the shovel queue model on a threading.Timer and publishes it under a lock."""

    def __init__(self, config: dict) -> None:
        self.config = config
        self.latest: Optional[QueueModel] = None
        self.versions = 0
        self._model_lock = threading.Lock()
        self._done = threading.Event()
        self._timer: Optional[threading.Timer] = None

    def start(self, run: int = 1) -> None:
        self._timer = threading.Timer(self.config["timer_delay_s"], self._on_timer,
                                      kwargs={"run": run})
        self._timer.start()

    def _on_timer(self, run: int) -> None:
        self.recompute(run, seed=run)
        if run < self.config["model_runs"]:
            self.start(run + 1)
        else:
            self._done.set()

    def recompute(self, run: int, **overrides) -> None:
        params = dict(arrival_rate=self.config["arrival_rate"],
                      service_rate=self.config["service_rate"],
                      servers=self.config["shovels"], events=self.config["model_events"])
        params.update(overrides)
        wait = simulate_queue(**params)
        self._publish(QueueModel(wait, time.monotonic(), run))

    def _publish(self, model: QueueModel) -> None:
        if not self._model_lock.acquire(timeout=1.0):  # ok: GIL005
            log.warning("queue model busy; dropping run %d", model.run)
            return
        try:
            self.latest = model
            self.versions += 1  # ok: GIL002
        finally:
            self._model_lock.release()

    def snapshot(self) -> Tuple[Optional[QueueModel], int]:
        with self._model_lock:
            return self.latest, self.versions

    def wait_done(self, timeout: float) -> bool:
        return self._done.wait(timeout)


@dataclass
class ShiftReporter:
    config: dict
    model: QueueModelService
    delays: Dict[str, List[float]] = field(default_factory=dict)
    pushes: int = 0

    async def collect(self, truck: str) -> None:
        rng = random.Random(truck)
        await asyncio.sleep(0.002 + rng.random() * 0.004)  # ok: GIL004
        samples = [round(rng.uniform(0.5, 6.0), 2) for _ in range(6)]
        if truck not in self.delays:  # ok: GIL003
            self.delays[truck] = []
        self.delays[truck].extend(samples)

    @retry_async(attempts=3, backoff=0.005)
    async def push_to_scada(self, report: dict) -> int:
        self.pushes += 1
        await asyncio.sleep(0.003)
        if self.pushes == 1:
            raise ConnectionError("SCADA historian not answering")
        return len(json.dumps(report))

    def build_report(self) -> dict:
        model, versions = self.model.snapshot()
        samples = [d for values in self.delays.values() for d in values]
        return {
            "trucks": len(self.delays),
            "mean_delay_min": round(sum(samples) / max(1, len(samples)), 2),
            "model_wait_min": round(model.mean_wait_min, 3) if model else None,
            "model_versions": versions,
        }

    async def run(self) -> dict:
        self.model.start()
        await asyncio.gather(*(self.collect(t) for t in self.config["trucks"]))
        await asyncio.to_thread(time.sleep, 0.004)  # ok: GIL004
        await asyncio.to_thread(self.model.wait_done, 3.0)
        report = self.build_report()
        report["bytes_pushed"] = await self.push_to_scada(report)
        return report


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    reporter = ShiftReporter(REPORT_CONFIG, QueueModelService(REPORT_CONFIG))
    report = asyncio.run(reporter.run())
    print(json.dumps(report, sort_keys=True))
    print(f"pushes={reporter.pushes} elapsed={time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
