"""Pottery: simulate bisque and glaze firings of one kiln in parallel threads."""
from __future__ import annotations

import functools
import logging
import math
import threading
import time
from dataclasses import dataclass, asdict
from typing import Callable

log = logging.getLogger("potter.kiln")


@dataclass(frozen=True)
class FiringProfile:
    steps: int = 400_000
    batch_size: int = 500
    ramp_rate: float = 0.0005
    monitor_interval_s: float = 0.01

    @property
    def batches(self) -> int:
        return self.steps // self.batch_size


def stage(name: str):
    """Mark a kiln method as a firing stage and log its start and end."""
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, **kwargs):
            log.info("stage %s: start", name)
            started = time.perf_counter()
            result = method(self, **kwargs)
            log.info("stage %s: done in %.0f ms", name, (time.perf_counter() - started) * 1000)
            return result
        wrapper.stage_name = name
        return wrapper
    return decorate


class KilnController:
    def __init__(self, profile: FiringProfile):
        self.profile = profile
        self._door = threading.Semaphore(1)
        self._stop = threading.Event()
        self.readings_total = 0
        self.door_openings = 0
        self.peak: dict[str, float] = {}
        self.polls = 0
        self._stages: dict[str, Callable[..., None]] = {
            "bisque": self._fire_bisque,
            "glaze": self._fire_glaze,
        }
        self.monitor_target = self._watch_cooling

    def stage_target(self, name: str) -> Callable[..., None]:
        return self._stages[name]

    @stage("bisque")
    def _fire_bisque(self, **kwargs) -> None:
        self._ramp("bisque", target_c=1000.0, **kwargs)

    @stage("glaze")
    def _fire_glaze(self, **kwargs) -> None:
        self._ramp("glaze", target_c=1240.0, **kwargs)

    def _ramp(self, stage_name: str, target_c: float, steps: int, batch_size: int,
              ramp_rate: float, **_ignored) -> None:
        temp = 20.0
        batch: list[float] = []
        for step in range(steps):  # expect: GIL001
            temp += (target_c - temp) * ramp_rate + math.sin(step * 0.01) * 0.02
            batch.append(temp)
            if len(batch) == batch_size:
                self.readings_total += len(batch)  # expect: GIL002
                batch.clear()
        with self._door:
            self.door_openings += 1  # ok: GIL002
        self.peak[stage_name] = round(temp, 1)

    def _watch_cooling(self, interval: float) -> None:
        polls = 0
        while not self._stop.wait(interval):  # ok: GIL001
            polls += 1
            log.debug("kiln poll %d: readings so far %d", polls, self.readings_total)
        self.polls = polls

    def stop(self) -> None:
        self._stop.set()


class FiringSchedule:
    """Launches stage threads; targets travel through a couple of layers as plain callables."""

    def __init__(self, controller: KilnController):
        self.controller = controller
        self.threads: list[threading.Thread] = []

    def _spawn(self, target: Callable[..., None], name: str, **kwargs) -> threading.Thread:
        thread = threading.Thread(target=target, name=name, kwargs=kwargs)
        self.threads.append(thread)
        thread.start()
        return thread

    def launch_stage(self, stage_name: str, **overrides) -> threading.Thread:
        params = asdict(self.controller.profile)
        params.pop("monitor_interval_s")
        params.update(overrides)
        return self._spawn(self.controller.stage_target(stage_name), f"fire-{stage_name}", **params)

    def launch_monitor(self) -> threading.Thread:
        monitor = threading.Thread(target=self.controller.monitor_target, name="monitor",
                                   args=(self.controller.profile.monitor_interval_s,))
        monitor.start()
        return monitor

    def wait(self) -> None:
        for thread in self.threads:
            thread.join()


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    profile = FiringProfile()
    kiln = KilnController(profile)
    schedule = FiringSchedule(kiln)
    start = time.perf_counter()
    monitor = schedule.launch_monitor()
    for name in ("bisque", "glaze"):
        schedule.launch_stage(name)
    schedule.wait()
    kiln.stop()
    monitor.join()
    elapsed = time.perf_counter() - start
    print(f"readings = {kiln.readings_total} (expected {2 * profile.batches * profile.batch_size})")
    print(f"door openings = {kiln.door_openings} (expected 2); peaks {kiln.peak}")
    print(f"monitor polled {kiln.polls} times; firings took {elapsed:.2f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
