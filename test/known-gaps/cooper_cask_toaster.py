"""Barrel workshop: an asyncio controller toasts cask interiors over fire pots."""
from __future__ import annotations

import asyncio
import functools
import logging
import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("cooper.toaster")

TOAST_PROFILES = {
    "light": {"settle_s": 0.004, "char_steps": 400_000},
    "medium": {"settle_s": 0.006, "char_steps": 500_000},
    "heavy": {"settle_s": 0.008, "char_steps": 600_000},
}


@dataclass
class Cask:
    serial: str
    toast: str
    char_depth_mm: float = 0.0
    notes: list[str] = field(default_factory=list)


def async_timed(fn):
    """Log the duration of a coroutine."""
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return await fn(*args, **kwargs)
        finally:
            log.debug("%s: %.1f ms", fn.__name__, (time.perf_counter() - start) * 1000)
    return wrapper


class FirePot:
    def __init__(self, name: str):
        self.name = name
        self._valve = threading.Lock()
        self.flame = 2

    def settle_flame(self, seconds: float) -> None:
        """Wait for the flame to even out (the pot has no async API)."""
        time.sleep(seconds)  # expect: GIL004

    def probe_blocking(self, seconds: float) -> float:
        """Read the thermocouple; slow, so callers hand it to a worker thread."""
        time.sleep(seconds)  # ok: GIL004
        return 180.0 + 10 * self.flame

    def adjust(self, delta: int) -> int:
        self._valve.acquire()  # ok: GIL005
        try:
            self.flame = max(0, min(5, self.flame + delta))
            return self.flame
        finally:
            self._valve.release()


def char_profile(serial: str, steps: int) -> float:
    """Integrate the heat flux through the stave wall: pure-Python number crunching."""
    depth = 0.0
    flux = 1.0
    seed = sum(map(ord, serial))
    for step in range(steps):  # expect: GIL001
        flux = 0.999 * flux + 0.0005 * (1.0 + math.cos((step + seed) * 0.0007))
        depth += flux * 4e-5
    return depth


class ToastingLine:
    def __init__(self, pots: list[FirePot], executor: ThreadPoolExecutor):
        self.pots = pots
        self.executor = executor
        self.toasted = 0
        self.callbacks: list = []

    def on_done(self, callback):
        self.callbacks.append(callback)
        return callback

    @async_timed
    async def toast(self, cask: Cask, pot: FirePot) -> Cask:
        profile = TOAST_PROFILES[cask.toast]
        loop = asyncio.get_running_loop()
        pot.adjust(+1)
        pot.settle_flame(profile["settle_s"])
        temperature = await asyncio.to_thread(pot.probe_blocking, 0.005)
        cask.notes.append(f"{pot.name} at {temperature:.0f}C")
        cask.char_depth_mm = await loop.run_in_executor(
            self.executor, functools.partial(char_profile, cask.serial, profile["char_steps"]))

        def quench() -> str:
            time.sleep(0.003)  # ok: GIL004
            return "quenched"

        cask.notes.append(await loop.run_in_executor(self.executor, quench))
        await asyncio.sleep(0.002)  # ok: GIL004
        pot.adjust(-1)
        self.toasted += 1  # ok: GIL002
        for callback in self.callbacks:
            callback(cask)
        return cask

    async def run(self, casks: list[Cask]) -> list[Cask]:
        jobs = [self.toast(cask, self.pots[i % len(self.pots)]) for i, cask in enumerate(casks)]
        return await asyncio.gather(*jobs)


def order_book() -> list[Cask]:
    levels = list(TOAST_PROFILES)
    return [Cask(f"C-{n:03d}", levels[n % len(levels)]) for n in range(6)]


async def main_async() -> int:
    pots = [FirePot("pot-east"), FirePot("pot-west")]
    finished: list[str] = []
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="char") as executor:
        line = ToastingLine(pots, executor)

        @line.on_done
        def _announce(cask: Cask) -> None:
            finished.append(cask.serial)
            log.info("cask %s toasted %s: %.3f mm", cask.serial, cask.toast, cask.char_depth_mm)

        start = time.perf_counter()
        casks = await line.run(order_book())
        elapsed = time.perf_counter() - start
    print(f"toasted = {line.toasted} (expected {len(casks)}) in {elapsed:.2f}s")
    for cask in casks:
        print(f"{cask.serial} {cask.toast:6s} {cask.char_depth_mm:.3f} mm  {'; '.join(cask.notes)}")
    print(f"flames back to {[p.flame for p in pots]}; announced {len(finished)}")
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    raise SystemExit(asyncio.run(main_async()))
