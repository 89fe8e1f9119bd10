"""Lime kiln charge scheduler.

A draw kiln is charged with alternating layers of limestone and fuel.  For each
charge the scheduler runs a calcination model on its own thread: the job goes
through a guard wrapper, a dispatcher and a launcher before it reaches
threading.Thread.  Burn profiles per stone type are cached.
"""
from __future__ import annotations

import functools
import logging
import math
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

log = logging.getLogger("limekiln.scheduler")

KILN = {
    "charges": 4,
    "burn_steps": 100_000,
    "stones": ("oolite", "chalk", "carboniferous"),
}

STATS: dict[str, Any] = {"charges": 0, "quicklime_t": 0.0, "failures": 0}


@dataclass(frozen=True)
class Charge:
    number: int
    stone: str
    limestone_t: float
    coal_t: float


@dataclass(frozen=True)
class BurnProfile:
    stone: str
    activation_c: float
    rate: float


class ProfileCache:
    def __init__(self, builder: Callable[[str], BurnProfile]):
        self._builder = builder
        self._profiles: dict[str, BurnProfile] = {}
        self._lock = threading.Lock()
        self.builds = 0

    def profile_for(self, stone: str) -> BurnProfile:
        with self._lock:
            if stone not in self._profiles:  # ok: GIL003
                self._profiles[stone] = self._builder(stone)
                self.builds += 1
            return self._profiles[stone]


def build_profile(stone: str) -> BurnProfile:
    time.sleep(0.002)  # read from the assay sheet
    table = {"oolite": (840.0, 0.0011), "chalk": (810.0, 0.0014), "carboniferous": (880.0, 0.0009)}
    activation, rate = table.get(stone, (850.0, 0.001))
    return BurnProfile(stone, activation, rate)


def simulate_burn(charge: Charge, profile: BurnProfile, steps: int) -> float:
    """Shrinking-core model: fraction of CaCO3 converted after the burn."""
    converted = 0.0
    temperature = 20.0
    burnt_at = -1
    heat = charge.coal_t * 29.0 / max(charge.limestone_t, 0.1)
    for step in range(steps):  # expect: GIL001
        temperature += (heat * 0.5 - (temperature - 20.0) * 0.002)
        if temperature > profile.activation_c:
            core = max(0.0, 1.0 - converted) ** (2.0 / 3.0)
            converted += profile.rate * 0.05 * core * math.exp(-(profile.activation_c / temperature))
        if burnt_at < 0 and converted >= 0.99:
            burnt_at = step
    log.debug("charge %d 99%% burnt at step %d", charge.number, burnt_at)
    return min(converted, 1.0)


def calcine(charge: Charge, *, cache: ProfileCache, stats: dict, steps: int) -> float:
    profile = cache.profile_for(charge.stone)
    fraction = simulate_burn(charge, profile, steps)
    quicklime = charge.limestone_t * fraction * 0.56
    stats["charges"] += 1  # expect: GIL002
    log.info("charge %d (%s): %.1f%% burnt, %.2f t quicklime", charge.number, charge.stone,
             fraction * 100, quicklime)
    return quicklime


class Launcher:
    """Starts callables on threads; the thread class is injectable for tests."""

    def __init__(self, spawn: Callable[..., threading.Thread] = threading.Thread):
        self._spawn = spawn
        self._registry_lock = threading.Lock()
        self._by_name: dict[str, threading.Thread] = {}
        self.started: list[threading.Thread] = []

    def launch(self, runner: Callable[..., Any], *args, name: str | None = None, **kwargs) -> threading.Thread:
        self._registry_lock.acquire()  # ok: GIL005
        try:
            if name is not None and name in self._by_name:
                log.warning("job %s is already running", name)
                return self._by_name[name]
            thread = self._spawn(target=runner, args=args, kwargs=kwargs, name=name)
            self._by_name[thread.name] = thread
            self.started.append(thread)
        finally:
            self._registry_lock.release()
        thread.start()
        return thread


class Dispatcher:
    def __init__(self, launcher: Launcher, stats: dict, results: dict):
        self.launcher = launcher
        self.stats = stats
        self.results = results
        self._results_lock = threading.Lock()

    def _guarded(self, fn: Callable[..., float], key: int) -> Callable[..., None]:
        @functools.wraps(fn)
        def guarded(*args, **kwargs) -> None:
            try:
                value = fn(*args, **kwargs)
            except Exception:
                log.exception("job %s failed", key)
                with self._results_lock:
                    self.stats["failures"] += 1
                return
            with self._results_lock:
                self.results[key] = value

        return guarded

    def dispatch(self, job: Callable[..., float], charge: Charge, **options) -> threading.Thread:
        runner = self._guarded(job, charge.number)
        return self.launcher.launch(runner, charge, name=f"charge-{charge.number}", stats=self.stats, **options)


def plan_charges(kiln: dict) -> list[Charge]:
    stones = kiln["stones"]
    return [Charge(n + 1, stones[n % len(stones)], 12.0 + n, 1.6 + 0.1 * n) for n in range(kiln["charges"])]


def main(kiln: dict) -> None:
    started = time.perf_counter()
    results: dict[int, float] = {}
    cache = ProfileCache(build_profile)
    dispatcher = Dispatcher(Launcher(), STATS, results)
    for charge in plan_charges(kiln):
        dispatcher.dispatch(calcine, charge, cache=cache, steps=kiln["burn_steps"])
    for thread in dispatcher.launcher.started:
        thread.join()
    STATS["quicklime_t"] = round(sum(results.values()), 2)
    print(f"charges={STATS['charges']} quicklime={STATS['quicklime_t']} t failures={STATS['failures']} "
          f"profiles_built={cache.builds} elapsed={time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    main(KILN)
