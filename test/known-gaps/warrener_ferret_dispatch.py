"""Warrener's ferreting day: timed ferret runs bolt rabbits into purse nets; handlers tally the catch."""
from __future__ import annotations

import functools
import logging
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable

log = logging.getLogger("warrener.ferrets")

DAY_PLAN = {
    "warrens": ("Coney Bank", "Gorse Hill", "Long Furrow", "Old Quarry"),
    "holes_per_run": 5,
    "nets": 40,
    "stagger_s": 0.005,
    "hole_wait_s": 0.003,
}


class EventBus:
    """Tiny publish/subscribe registry; handlers run on the publishing thread."""

    def __init__(self):
        self._handlers: dict[str, list[Callable[..., Any]]] = defaultdict(list)

    def on(self, event: str):
        def register(fn):
            self._handlers[event].append(fn)
            return fn
        return register

    def emit(self, event: str, **payload) -> None:
        for handler in tuple(self._handlers[event]):
            try:
                handler(**payload)
            except Exception:  # a broken handler must not stop the ferret
                log.exception("handler %s failed", getattr(handler, "__name__", handler))


bus = EventBus()
catch_log: dict[str, int] = {}
stats = {"bolts": 0, "empty_holes": 0}
stats_lock = threading.Lock()


def traced(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        log.debug("%s(%s)", fn.__name__, ", ".join(f"{k}={v!r}" for k, v in kwargs.items()))
        return fn(*args, **kwargs)
    return wrapper


@dataclass
class NetStore:
    free: list[int] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def take(self) -> int | None:
        if self.free:  # expect: GIL003
            time.sleep(0.0005)  # untangle the purse net
            return self.free.pop()
        return None

    def give_back(self, net: int) -> None:
        with self._lock:
            if net not in self.free:  # ok: GIL003
                self.free.append(net)


nets = NetStore(free=list(range(DAY_PLAN["nets"])))


@bus.on("bolt")
@traced
def tally_catch(warren: str, rabbits: int, **_: Any) -> None:
    catch_log[warren] = catch_log.get(warren, 0) + rabbits  # expect: GIL002


@bus.on("bolt")
def count_bolt(**_: Any) -> None:
    with stats_lock:
        stats["bolts"] += 1  # ok: GIL002


@bus.on("empty")
def count_empty(**_: Any) -> None:
    with stats_lock:
        stats["empty_holes"] += 1


@dataclass
class Ferret:
    name: str
    warren: str
    holes: int
    wait_s: float
    nets_used: list[int] = field(default_factory=list)

    def work(self, *, seed: int) -> None:
        state = seed
        for hole in range(self.holes):  # ok: GIL001
            net = nets.take()
            if net is None:
                log.warning("%s: out of nets at hole %d", self.name, hole)
                break
            self.nets_used.append(net)
            time.sleep(self.wait_s)  # waiting for the ferret to come up
            state = (state * 75 + 74) % 65_537
            rabbits = state % 3
            if rabbits:
                bus.emit("bolt", warren=self.warren, rabbits=rabbits, hole=hole)
            else:
                bus.emit("empty", warren=self.warren, hole=hole)
        for net in self.nets_used:
            nets.give_back(net)


def schedule_runs(ferrets: list[Ferret], stagger: float) -> list[threading.Timer]:
    timers = []
    for i, ferret in enumerate(ferrets):
        timer = threading.Timer(stagger * i, ferret.work, kwargs={"seed": 101 + i})
        timer.name = f"run-{ferret.name}"
        timers.append(timer)
    return timers


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    names = ("Jill", "Hob", "Sable", "Polly", "Nip", "Kit")
    ferrets = [Ferret(name, DAY_PLAN["warrens"][i % len(DAY_PLAN["warrens"])],
                      DAY_PLAN["holes_per_run"], DAY_PLAN["hole_wait_s"])
               for i, name in enumerate(names)]
    timers = schedule_runs(ferrets, DAY_PLAN["stagger_s"])
    started = time.perf_counter()
    for t in timers:
        t.start()
    for t in timers:
        t.join()
    print(f"ferreting finished in {time.perf_counter() - started:.2f}s")
    for warren in DAY_PLAN["warrens"]:
        print(f"{warren}: {catch_log.get(warren, 0)} rabbits")
    print(f"bolts={stats['bolts']} empty={stats['empty_holes']} nets back={len(nets.free)}")


if __name__ == "__main__":
    main()
