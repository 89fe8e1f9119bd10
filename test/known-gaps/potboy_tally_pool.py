"""End-of-night pot tally: pool workers count each room's pots, log breakages and estimate tankard wear."""
from __future__ import annotations

import functools
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable

logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
log = logging.getLogger("potboy.tally")

REGISTRY: dict[str, Callable[..., object]] = {}
BREAKAGES: dict[str, int] = {}

TALLY_CONFIG = {
    "workers": 3,
    "wear": {"samples": 900_000, "modulus": 97},
    "count": {},
}


def register(name: str):
    """Register a tally step by name (done once, at import, on the main thread)."""
    def decorate(fn):
        if name not in REGISTRY:  # ok: GIL003
            REGISTRY[name] = fn
        return fn
    return decorate


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        result = fn(*args, **kwargs)
        log.info("%s(%s) -> %s in %.1f ms", fn.__name__, getattr(args[-1], "name", "?"),
                 result, (time.perf_counter() - t0) * 1000)
        return result
    return wrapper


@dataclass(frozen=True)
class Pot:
    kind: str
    broken: bool = False


@dataclass
class Room:
    name: str
    seed: int
    pots: list[Pot] = field(default_factory=list)

    @property
    def whole(self) -> int:
        return sum(1 for p in self.pots if not p.broken)


def make_counter() -> tuple[Callable[[Room], int], Callable[[], int]]:
    """A closure-based running total shared by every worker that calls `count`."""
    collected = 0

    def count(room: Room) -> int:
        nonlocal collected
        collected += room.whole  # expect: GIL002
        return room.whole

    def total() -> int:
        return collected

    return count, total


def note_breakage(room: Room, kind: str) -> None:
    BREAKAGES[kind] = BREAKAGES.get(kind, 0) + 1  # expect: GIL002
    log.debug("broken %s in %s", kind, room.name)


@register("wear")
def estimate_wear(room: Room, *, samples: int, modulus: int) -> int:
    """Wear score from a long pseudo-random walk over the room's pewter (pure Python)."""
    score = sum((i * room.seed) % modulus for i in range(samples))  # expect: GIL001
    return score // samples


@register("count")
def count_placeholder(room: Room) -> int:  # replaced per night by the closure from make_counter
    return room.whole


def build_rooms() -> list[Room]:
    kinds = ("quart", "pint", "gill", "tankard")
    rooms = []
    for r, name in enumerate(("tap room", "parlour", "snug", "long room")):
        pots = [Pot(kinds[(r + i) % 4], broken=(i * (r + 3)) % 11 == 0) for i in range(24)]
        rooms.append(Room(name, seed=31 + 7 * r, pots=pots))
    return rooms


class Night:
    def __init__(self, config: dict):
        self.config = config
        self.count, self.total = make_counter()
        self.steps = dict(REGISTRY)
        self.steps["count"] = self.count

    @logged
    def process_room(self, room: Room) -> tuple[str, int, int]:
        for pot in room.pots:
            if pot.broken:
                note_breakage(room, pot.kind)
        whole = self.steps["count"](room, **self.config["count"])
        wear = self.steps["wear"](room, **self.config["wear"])
        return room.name, whole, wear

    def run(self, rooms: list[Room]) -> list[tuple[str, int, int]]:
        with ThreadPoolExecutor(max_workers=self.config["workers"], thread_name_prefix="tally") as pool:
            return list(pool.map(self.process_room, rooms))


def main() -> None:
    rooms = build_rooms()
    night = Night(TALLY_CONFIG)
    t0 = time.perf_counter()
    results = night.run(rooms)
    wall = time.perf_counter() - t0
    expected = sum(r.whole for r in rooms)
    print(f"whole pots = {night.total()} (expected {expected})")
    print(f"breakages by kind: {dict(sorted(BREAKAGES.items()))}")
    for name, whole, wear in results:
        print(f"  {name:10s} whole={whole:3d} wear={wear}")
    print(f"tally took {wall:.3f}s")


if __name__ == "__main__":
    main()
