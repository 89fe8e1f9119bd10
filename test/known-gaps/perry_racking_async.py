"""Perry racking: an asyncio scheduler moves perry off its lees from one vessel to the next.

Hydrometer readings and siphon transfers are slow, blocking jobs; the scheduler hands most
of them to worker threads.  Settling the lees is the exception.
"""
import asyncio
import functools
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("perry.racking")

RACKING_PLAN = {
    "settle_s": 0.01,
    "hydrometer_settle_s": 0.02,
    "transfer_pause_s": 0.01,
    "gauge_timeout_s": 0.5,
    "siphon_workers": 2,
}

SIPHON_LOCK = threading.Lock()
GAUGE_LOCK = threading.Lock()


@dataclass
class Vessel:
    name: str
    volume_l: float
    capacity_l: float
    gravity: float
    lees_cm: float = 0.0
    history: list = field(default_factory=list)

    @property
    def headspace_l(self) -> float:
        return self.capacity_l - self.volume_l


def with_retries(times: int = 2, delay: float = 0.005):
    """Retry a coroutine a few times when a transfer is refused."""

    def decorate(coro_fn):
        @functools.wraps(coro_fn)
        async def wrapper(*args, **kwargs):
            last = None
            for attempt in range(times + 1):
                try:
                    return await coro_fn(*args, **kwargs)
                except RuntimeError as exc:
                    last = exc
                    log.warning("attempt %d of %s failed: %s", attempt, coro_fn.__name__, exc)
                    await asyncio.sleep(delay)  # ok: GIL004
            raise last
        return wrapper

    return decorate


def _settle_lees(vessel: Vessel, seconds: float) -> None:
    """Let the lees drop before the racking cane goes in."""
    log.debug("settling %s", vessel.name)
    time.sleep(seconds)  # expect: GIL004
    vessel.lees_cm = round(vessel.lees_cm * 0.5, 2)


def _read_hydrometer(vessel: Vessel, settle: float) -> float:
    """A hydrometer needs a moment to stop bobbing."""
    time.sleep(settle)  # ok: GIL004
    return round(vessel.gravity - 0.0005, 4)


def _siphon(src: Vessel, dst: Vessel, litres: float, pause: float) -> float:
    """Move perry between vessels; only one racking cane in the cellar."""
    SIPHON_LOCK.acquire()  # expect: GIL005
    if src.volume_l < litres or dst.headspace_l < litres:  # ok: GIL003
        log.warning("refusing transfer %s -> %s", src.name, dst.name)
        return 0.0
    src.volume_l -= litres
    dst.volume_l += litres  # ok: GIL002
    time.sleep(pause)
    SIPHON_LOCK.release()
    return litres


def _log_gauge(vessel: Vessel, reading: float, timeout: float) -> bool:
    if not GAUGE_LOCK.acquire(timeout=timeout):  # ok: GIL005
        return False
    try:
        vessel.history.append(("gravity", reading))
    finally:
        GAUGE_LOCK.release()
    return True


class RackingScheduler:
    def __init__(self, plan: dict, vessels: dict[str, Vessel]) -> None:
        self.plan = plan
        self.vessels = vessels
        self.pool = ThreadPoolExecutor(max_workers=plan["siphon_workers"],
                                       thread_name_prefix="siphon")
        self.moved_l = 0.0

    async def inspect(self, name: str) -> float:
        vessel = self.vessels[name]
        reading = await asyncio.to_thread(_read_hydrometer, vessel,
                                          self.plan["hydrometer_settle_s"])
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self.pool, _log_gauge, vessel, reading,
                                   self.plan["gauge_timeout_s"])
        return reading

    @with_retries(times=1)
    async def rack(self, src_name: str, dst_name: str, litres: float) -> float:
        src, dst = self.vessels[src_name], self.vessels[dst_name]
        _settle_lees(src, self.plan["settle_s"])
        loop = asyncio.get_running_loop()
        job = functools.partial(_siphon, src, dst, litres, self.plan["transfer_pause_s"])
        moved = await loop.run_in_executor(self.pool, job)
        if not moved:
            raise RuntimeError(f"{src_name} -> {dst_name} refused")
        self.moved_l += moved  # ok: GIL002
        return moved

    async def run(self, moves: list[tuple[str, str, float]]) -> list[float]:
        gravities = await asyncio.gather(*(self.inspect(n) for n in self.vessels))
        log.info("gravities %s", gravities)
        moved = await asyncio.gather(*(self.rack(s, d, l) for s, d, l in moves))
        self.pool.shutdown(wait=True)
        return list(moved)


def cellar() -> dict[str, Vessel]:
    vessels = [
        Vessel("demijohn-1", 22.0, 23.0, 1.012, lees_cm=3.0),
        Vessel("demijohn-2", 21.0, 23.0, 1.010, lees_cm=2.5),
        Vessel("cask-A", 40.0, 120.0, 1.008, lees_cm=1.0),
        Vessel("cask-B", 10.0, 120.0, 1.006),
    ]
    return {v.name: v for v in vessels}


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    vessels = cellar()
    scheduler = RackingScheduler(RACKING_PLAN, vessels)
    moves = [("demijohn-1", "cask-B", 20.0), ("demijohn-2", "cask-B", 19.0),
             ("cask-A", "cask-B", 30.0)]
    started = time.perf_counter()
    moved = asyncio.run(scheduler.run(moves))
    print(f"moved {moved} -> total {scheduler.moved_l:.1f} l "
          f"in {time.perf_counter() - started:.2f}s")
    for v in vessels.values():
        print(f"{v.name}: {v.volume_l:.1f} l, lees {v.lees_cm} cm, log {len(v.history)}")


if __name__ == "__main__":
    main()
