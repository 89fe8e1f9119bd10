"""Brickfield clamp firing planner.

A clamp is a stack of green bricks built over layers of coal.  Before lighting,
the burner models how heat spreads through each section of the clamp, claims a
fuel stack for it, and writes the plan to a firing log.  A thermocouple sampler
runs on a threading.Timer while the plan is computed.
"""
import json
import logging
import math
import os
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Callable

log = logging.getLogger("brickfield.clamp")

FIRING = {
    "sections": 4,
    "cells": 120,
    "steps": 3000,
    "alpha": 0.21,
    "fuel_stacks": ["north-1", "north-2", "east-1", "south-1", "south-2", "west-1"],
}


@dataclass
class Clamp:
    name: str
    fuel_stacks: dict = field(default_factory=dict)
    stack_order: list = field(default_factory=list)

    @classmethod
    def build(cls, name: str, stacks: list) -> "Clamp":
        return cls(name, {s: None for s in stacks}, list(stacks))

    def claim_fuel(self, section: str) -> str | None:
        for stack_id in self.stack_order:
            if self.fuel_stacks[stack_id] is None:  # expect: GIL003
                time.sleep(0.001)  # barrow the coal over to the section
                self.fuel_stacks[stack_id] = section
                return stack_id
        return None


class FiringLog:
    def __init__(self, path: str) -> None:
        self.path = path
        self._lock = threading.Lock()

    def write(self, entry: dict) -> bool:
        self._lock.acquire()  # expect: GIL005
        if not entry.get("section"):
            return False
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry) + "\n")
        self._lock.release()
        return True

    def entries(self) -> list:
        if not self._lock.acquire(timeout=1.0):  # ok: GIL005
            raise TimeoutError("firing log busy")
        try:
            with open(self.path, encoding="utf-8") as fh:
                return [json.loads(line) for line in fh]
        finally:
            self._lock.release()


def initial_profile(cells: int, hot_cell: int) -> list:
    return [900.0 * math.exp(-((i - hot_cell) ** 2) / 40.0) + 15.0 for i in range(cells)]


def diffuse(profile: list, steps: int, alpha: float) -> list:
    cells = list(profile)
    n = len(cells)
    for _ in range(steps):  # expect: GIL001
        nxt = cells[:]
        for i in range(1, n - 1):
            nxt[i] = cells[i] + alpha * (cells[i - 1] - 2.0 * cells[i] + cells[i + 1])
        cells = nxt
    return cells


def fire_section(*, clamp: Clamp, section: str, firing_log: FiringLog, **params) -> dict:
    stack = clamp.claim_fuel(section)
    profile = initial_profile(params["cells"], hot_cell=params["cells"] // 3)
    final = diffuse(profile, params["steps"], params["alpha"])
    entry = {"section": section, "stack": stack, "peak_c": round(max(final), 1)}
    firing_log.write(entry)
    return entry


class ThermocoupleSampler:
    """Reads the probes on a timer; each reading waits on the ADC."""

    def __init__(self, probes: list, interval: float) -> None:
        self.probes = probes
        self.interval = interval
        self.readings: list = []
        self.stop = threading.Event()
        self._timer: threading.Timer | None = None

    def start(self, rounds: int) -> None:
        self._schedule(rounds)

    def _schedule(self, remaining: int) -> None:
        if remaining <= 0 or self.stop.is_set():
            return
        self._timer = threading.Timer(self.interval, self._sample, args=(remaining,))
        self._timer.daemon = True
        self._timer.start()

    def _sample(self, remaining: int) -> None:
        reading = {}
        for probe in self.probes:  # ok: GIL001
            time.sleep(0.002)  # ADC conversion
            reading[probe] = round(15.0 + 3.0 * math.sin(time.monotonic() + len(probe)), 2)
        self.readings.append(reading)
        self._schedule(remaining - 1)

    def cancel(self) -> None:
        self.stop.set()
        timer = self._timer
        if timer is not None:
            timer.cancel()


class Dispatcher:
    """Collects (callable, kwargs) jobs and runs them on a thread pool."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._jobs: list[tuple[Callable, dict]] = []

    def add(self, fn: Callable, **kwargs) -> None:
        self._jobs.append((fn, kwargs))

    def run(self) -> list:
        results = []
        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="burner") as pool:
            futures = [pool.submit(fn, **kw) for fn, kw in self._jobs]
            for fut in as_completed(futures):
                results.append(fut.result())
        return results


def plan_clamp(workdir: str) -> list:
    clamp = Clamp.build("clamp-7", FIRING["fuel_stacks"])
    firing_log = FiringLog(os.path.join(workdir, "firing.jsonl"))
    dispatcher = Dispatcher(workers=FIRING["sections"])
    params = {k: FIRING[k] for k in ("cells", "steps", "alpha")}
    for s in range(FIRING["sections"]):
        dispatcher.add(fire_section, clamp=clamp, section=f"section-{s}", firing_log=firing_log, **params)
    sampler = ThermocoupleSampler(["tc-base", "tc-mid", "tc-crown"], interval=0.02)
    sampler.start(rounds=5)
    try:
        results = dispatcher.run()
    finally:
        sampler.cancel()
    log.info("sampler took %d readings", len(sampler.readings))
    log.info("fuel allocation: %s", clamp.fuel_stacks)
    return firing_log.entries() or results


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="clamp-") as workdir:
        entries = plan_clamp(workdir)
    for entry in sorted(entries, key=lambda e: e["section"]):
        log.info("%s on %s peaks at %.1f C", entry["section"], entry["stack"], entry["peak_c"])
    log.info("planned %d sections in %.2fs", len(entries), time.perf_counter() - started)


if __name__ == "__main__":
    main()
