"""Dye-vat scheduler: threading.Timer events fire registered callbacks that dip,
drain, top up and flush the vats of a small dyeworks."""
from __future__ import annotations

import functools
import logging
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

log = logging.getLogger("dyeworks.vats")

HANDLERS: dict[str, list[Callable[..., None]]] = defaultdict(list)
SCHEDULE_CONFIG = {"dip_every": 0.01, "flush_every": 0.03, "horizon": 0.12, "flush_s": 0.004}


def on(event: str):
    """Register a callback for a vat event."""

    def register(fn):
        @functools.wraps(fn)
        def guarded(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except Exception:  # never let a callback kill the timer thread silently
                log.exception("handler %s failed", fn.__name__)
                return None

        HANDLERS[event].append(guarded)
        return fn

    return register


@dataclass
class Vat:
    name: str
    colour: str
    litres: float
    dips: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


class VatHouse:
    def __init__(self, vats: list[Vat]) -> None:
        self.vats = {v.name: v for v in vats}
        self.flushes = 0
        self._house_lock = threading.Lock()
        self._timers: list[threading.Timer] = []

    # -- scheduling ---------------------------------------------------------
    def schedule(self, delay: float, event: str, **payload) -> threading.Timer:
        timer = threading.Timer(delay, self.fire, args=(event,), kwargs=payload)
        timer.name = f"{event}-{len(self._timers)}"
        self._timers.append(timer)
        return timer

    def fire(self, event: str, **payload) -> None:
        for handler in HANDLERS.get(event, ()):  # ok: GIL001
            handler(self, **payload)

    def run(self) -> None:
        for t in self._timers:
            t.start()
        for t in self._timers:
            t.join()

    # -- vat operations -------------------------------------------------------
    def drain(self, name: str, litres: float) -> bool:
        self._house_lock.acquire()  # expect: GIL005
        vat = self.vats.get(name)
        if vat is None:
            log.warning("drain: no vat called %s", name)
            return False
        vat.litres = max(0.0, vat.litres - litres)
        self._house_lock.release()
        return True

    def top_up(self, name: str, litres: float) -> bool:
        if not self._house_lock.acquire(timeout=0.5):  # ok: GIL005
            log.error("top_up: house lock busy, skipping %s", name)
            return False
        try:
            vat = self.vats[name]
            vat.litres += litres  # ok: GIL002
        finally:
            self._house_lock.release()
        return True


@on("dip")
def record_dip(house: VatHouse, vat: str, **_) -> None:
    target = house.vats[vat]
    with target.lock:
        target.dips += 1  # ok: GIL002


@on("dip")
def drain_after_dip(house: VatHouse, vat: str, litres: float = 2.0, **_) -> None:
    house.drain(vat, litres)


@on("flush")
def flush_vat(house: VatHouse, vat: str, **_) -> None:
    time.sleep(SCHEDULE_CONFIG["flush_s"])  # pumps run
    house.flushes += 1  # expect: GIL002
    house.top_up(vat, 25.0)


def plan(house: VatHouse, cfg: dict) -> int:
    names = sorted(house.vats)
    count = 0
    t = cfg["dip_every"]
    while t <= cfg["horizon"]:
        house.schedule(t, "dip", vat=names[count % len(names)], litres=1.5)
        count += 1
        t += cfg["dip_every"]
    t = cfg["flush_every"]
    while t <= cfg["horizon"]:
        for name in names:
            house.schedule(t, "flush", vat=name)
            count += 1
        t += cfg["flush_every"]
    return count


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    house = VatHouse([
        Vat("indigo", "blue", 400.0),
        Vat("madder", "red", 350.0),
        Vat("weld", "yellow", 300.0),
    ])
    scheduled = plan(house, SCHEDULE_CONFIG)
    start = time.perf_counter()
    house.run()
    wall = time.perf_counter() - start
    total_dips = sum(v.dips for v in house.vats.values())
    print(f"events scheduled = {scheduled}")
    print(f"dips = {total_dips}, flushes = {house.flushes}")
    for vat in house.vats.values():
        print(f"  {vat.name:7s} {vat.colour:6s} {vat.litres:7.1f} l after {vat.dips} dips")
    print(f"wall {wall:.3f}s")


if __name__ == "__main__":
    main()
