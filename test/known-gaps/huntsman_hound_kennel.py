"""Hound kennel event bus.

Each hound is a Thread subclass that casts about for scent and emits events on a small
bus.  The kennel registers handlers (decorated bound methods) that run on the hound's
thread: scent counting, best-scent tracking and pack assembly.
"""
from __future__ import annotations

import functools
import logging
import random
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable

log = logging.getLogger("huntsman.kennel")

KENNEL_CONFIG = {"pack_size": 4, "rounds": 15, "cast_pause_s": 0.002}
TRAILS = ("brook", "spinney", "ridge", "lane")


def logged(event: str):
    """Decorator: log handler failures instead of killing the hound's thread."""

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except Exception:  # noqa: BLE001 - a bad handler must not stop the hunt
                log.exception("handler %s for %s failed", fn.__name__, event)
                return None

        return wrapper

    return decorate


class EventBus:
    def __init__(self) -> None:
        self._handlers: dict[str, list[Callable[..., Any]]] = defaultdict(list)
        self._lock = threading.Lock()

    def on(self, event: str):
        def register(fn):
            with self._lock:
                self._handlers[event].append(logged(event)(fn))
            return fn

        return register

    def emit(self, event: str, **payload: Any) -> None:
        with self._lock:
            handlers = list(self._handlers[event])
        for handler in handlers:
            handler(**payload)


@dataclass
class Kennel:
    bus: EventBus
    capacity: int
    scent_counts: defaultdict = field(default_factory=lambda: defaultdict(int))
    best: dict[str, tuple[str, float]] = field(default_factory=dict)
    pack: list[str] = field(default_factory=list)
    total_strength: float = 0.0
    _best_lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.bus.on("scent")(self.count_scent)
        self.bus.on("scent")(self.track_best)
        self.bus.on("ready")(self.join_pack)

    def count_scent(self, hound: str, trail: str, strength: float) -> None:
        self.scent_counts[trail] += 1  # expect: GIL002

    def track_best(self, hound: str, trail: str, strength: float) -> None:
        with self._best_lock:
            self.total_strength += strength  # ok: GIL002
            if strength > self.best.get(trail, ("", 0.0))[1]:  # ok: GIL003
                self.best[trail] = (hound, strength)

    def join_pack(self, hound: str, **_: Any) -> None:
        if len(self.pack) < self.capacity:  # expect: GIL003
            time.sleep(0.001)  # the whipper-in checks the hound over
            self.pack.append(hound)


class Hound(threading.Thread):
    def __init__(self, name: str, bus: EventBus, *, rounds: int, cast_pause_s: float,
                 pack_size: int | None = None, **kwargs: Any):
        super().__init__(name=f"hound-{name}", daemon=True, **kwargs)
        self.hound = name
        self.bus = bus
        self.rounds = rounds
        self.pause = cast_pause_s
        self.rng = random.Random(name)
        self.found: list[str] = []

    def run(self) -> None:
        self.bus.emit("ready", hound=self.hound)
        for _ in range(self.rounds):  # ok: GIL001
            time.sleep(self.pause)
            trail = self.rng.choice(TRAILS)
            strength = round(self.rng.random(), 3)
            if strength > 0.3:
                self.found.append(trail)
                self.bus.emit("scent", hound=self.hound, trail=trail, strength=strength)


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    bus = EventBus()
    kennel = Kennel(bus, capacity=KENNEL_CONFIG["pack_size"])
    names = ["Bellman", "Ranter", "Ringwood", "Jollyboy", "Music", "Gaylass", "Rockwood"]
    hounds = [Hound(n, bus, **KENNEL_CONFIG) for n in names]
    started = time.perf_counter()
    for h in hounds:
        h.start()
    for h in hounds:
        h.join()
    found = sum(len(h.found) for h in hounds)
    counted = sum(kennel.scent_counts.values())
    print(f"scents counted: {counted} (expected {found})")
    print(f"pack: {len(kennel.pack)} hounds (capacity {kennel.capacity})")
    for trail in TRAILS:
        if trail in kennel.best:
            who, strength = kennel.best[trail]
            print(f"  best on {trail}: {who} ({strength})")
    print(f"total strength {kennel.total_strength:.2f}; {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
