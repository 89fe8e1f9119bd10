"""Eelman smokehouse.

Each kiln is a thread: it takes a rack of gutted eels from the rack store,
simulates the heat spreading through the smoking chamber (1-D diffusion along
the chamber) and then books the finished batch with the smokehouse office.
The office corridor has one door; a KilnDoor context manager holds its lock.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional

log = logging.getLogger("eelman.smokehouse")

SMOKE_CONFIG = {
    "cells": 80,
    "steps": 4000,
    "alpha": 0.21,
}


@dataclass
class Rack:
    rack_id: int
    eels: int
    wood: str = "any"


class KilnDoor:
    """Only one crew in the office corridor at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def __enter__(self) -> "KilnDoor":
        self._lock.acquire()
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        self._lock.release()
        return False


class RackStore:
    def __init__(self, racks: List[Rack]) -> None:
        self._lock = threading.Lock()
        self.racks = list(racks)
        self.loaded: List[Rack] = []

    def load(self, timeout: float = 0.5) -> Optional[Rack]:
        if not self._lock.acquire(timeout=timeout):  # ok: GIL005
            log.warning("rack store busy, giving up")
            return None
        try:
            rack = self.racks.pop()
            self.loaded.append(rack)
            return rack
        finally:
            self._lock.release()

    def unload(self) -> Optional[Rack]:
        self._lock.acquire()  # expect: GIL005
        if not self.loaded:
            return None
        rack = self.loaded.pop(0)
        self._lock.release()
        return rack


@dataclass
class SmokeHouse:
    racks: RackStore
    door: KilnDoor = field(default_factory=KilnDoor)
    batches: int = 0
    smoke_minutes: int = 0
    peaks: Dict[str, float] = field(default_factory=dict)


class BaseKiln(threading.Thread):
    wood = "beech"

    def __init__(self, house: SmokeHouse, *, cells: int, steps: int, alpha: float,
                 **thread_kwargs) -> None:
        super().__init__(**thread_kwargs)
        self.house = house
        self.cells = cells
        self.steps = steps
        self.alpha = alpha
        self.profile: List[float] = []

    def initial_profile(self) -> List[float]:
        return [18.0] * self.cells

    def cycle(self) -> List[float]:
        return self.initial_profile()

    def run(self) -> None:
        rack = self.house.racks.load()
        if rack is None:
            return
        self.profile = self.cycle()
        self.house.smoke_minutes += self.steps // 10  # expect: GIL002
        with self.house.door:
            self.house.batches += 1  # ok: GIL002
            self.house.peaks[self.name] = round(self.profile[-1], 2)
        done = self.house.racks.unload()
        log.info("%s smoked rack %s (%s)", self.name, done.rack_id if done else "?", self.wood)


class AlderKiln(BaseKiln):
    wood = "alder"
    fire_temp = 92.0

    def cycle(self) -> List[float]:
        temps = super().cycle()
        temps[0] = self.fire_temp
        a = self.alpha
        last = self.cells - 1
        for step in range(self.steps):  # expect: GIL001
            nxt = temps[:]
            for i in range(1, last):
                nxt[i] = temps[i] + a * (temps[i - 1] - 2.0 * temps[i] + temps[i + 1])
            nxt[last] = nxt[last - 1]
            temps = nxt
        return temps


class OakKiln(AlderKiln):
    wood = "oak"
    fire_temp = 85.0

    def __init__(self, house: SmokeHouse, **kwargs) -> None:
        kwargs["steps"] = int(kwargs["steps"] * 1.2)
        super().__init__(house, **kwargs)


KILN_TYPES = {"alder": AlderKiln, "oak": OakKiln}


def build_kilns(house: SmokeHouse, plan: List[str], config: Dict) -> List[BaseKiln]:
    kilns = []
    for n, wood in enumerate(plan):
        cls = KILN_TYPES.get(wood, BaseKiln)
        kilns.append(cls(house, name=f"kiln-{n}-{wood}", **config))
    return kilns


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    store = RackStore([Rack(i, eels=40 + i) for i in range(5)])
    house = SmokeHouse(racks=store)
    kilns = build_kilns(house, ["alder", "oak", "alder"], SMOKE_CONFIG)
    start = time.perf_counter()
    for k in kilns:
        k.start()
    for k in kilns:
        k.join()
    elapsed = time.perf_counter() - start
    print(f"batches = {house.batches}, smoke minutes = {house.smoke_minutes}")
    for name, peak in sorted(house.peaks.items()):
        print(f"{name:<14} far-end temperature {peak}")
    print(f"racks left = {len(store.racks)}, still loaded = {len(store.loaded)}")
    print(f"smoking took {elapsed:.2f}s")


if __name__ == "__main__":
    main()
