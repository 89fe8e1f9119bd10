"""Choir rehearsal attendance tracker.

Singers' badge taps arrive as timed events (threading.Timer stands in for the
badge reader), are published on a small event bus and handled by registered
callbacks: a per-section arrival counter, the roster and a late list.  Each
singer also gets a personal warm-up routine, run on its own timer.
"""
from __future__ import annotations

import functools
import logging
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable, DefaultDict, Dict, List, Set

log = logging.getLogger("choir.attendance")

ROSTER: Dict[str, "Attendance"] = {}
LATE: List[str] = []
_late_seen: Set[str] = set()
_late_lock = threading.Lock()

SETTINGS = {
    "late_after_minute": 2,
    "warmup_reps": 4,
    "tap_spacing_s": 0.004,
}


@dataclass
class Attendance:
    singer: str
    section: str
    minute: int

    @property
    def on_time(self) -> bool:
        return self.minute <= SETTINGS["late_after_minute"]


class EventBus:
    def __init__(self) -> None:
        self._handlers: DefaultDict[str, List[Callable[..., None]]] = defaultdict(list)

    def on(self, event: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
        def register(handler: Callable[..., None]) -> Callable[..., None]:
            self._handlers[event].append(handler)
            return handler
        return register

    def emit(self, event: str, **payload: Any) -> None:
        for handler in list(self._handlers[event]):
            try:
                handler(**payload)
            except Exception:  # a faulty handler must not stop the others
                log.exception("handler %r failed", handler)


def make_section_counter(section: str) -> Callable[..., None]:
    arrivals = 0

    def on_arrival(*, singer: str, section_name: str, minute: int, **_: Any) -> None:
        nonlocal arrivals
        if section_name != section:
            return
        time.sleep(0.0005)  # badge reader debounce
        arrivals += 1  # expect: GIL002

    def total() -> int:
        return arrivals

    on_arrival.total = total  # type: ignore[attr-defined]
    return on_arrival


def record_attendance(*, singer: str, section_name: str, minute: int, **_: Any) -> None:
    if singer not in ROSTER:  # expect: GIL003
        entry = Attendance(singer, section_name, minute)
        log.debug("first tap for %s", singer)
        ROSTER[singer] = entry


def flag_late(*, singer: str, minute: int, **_: Any) -> None:
    if minute <= SETTINGS["late_after_minute"]:  # ok: GIL003
        return
    with _late_lock:
        if singer not in _late_seen:  # ok: GIL003
            _late_seen.add(singer)
            LATE.append(singer)


def make_warmup(singer: str, results: Dict[str, int], reps_wanted: int) -> Callable[[], None]:
    reps = 0

    def warmup() -> None:
        nonlocal reps
        for _ in range(reps_wanted):  # ok: GIL001
            time.sleep(0.002)  # lip trills
            reps += 1  # ok: GIL002
        results[singer] = reps

    return warmup


def schedule(delay: float, fn: Callable[..., None], **kwargs: Any) -> threading.Timer:
    timer = threading.Timer(delay, fn, kwargs=kwargs)
    timer.daemon = True
    timer.start()
    return timer


def run_rehearsal(members: Dict[str, str], taps: List[tuple], **settings: Any) -> Dict[str, Any]:
    cfg = {**SETTINGS, **settings}
    bus = EventBus()
    counters = {section: make_section_counter(section) for section in set(members.values())}
    for counter in counters.values():
        bus.on("tap")(counter)
    bus.on("tap")(record_attendance)
    bus.on("tap")(flag_late)

    warmed: Dict[str, int] = {}
    timers = [schedule(0.001, make_warmup(name, warmed, cfg["warmup_reps"])) for name in members]
    for i, (name, minute) in enumerate(taps):
        emit_tap = functools.partial(bus.emit, "tap")
        timers.append(schedule(cfg["tap_spacing_s"] * (i % 3), emit_tap,
                               singer=name, section_name=members[name], minute=minute))
    for timer in timers:
        timer.join()
    return {
        "per_section": {s: c.total() for s, c in counters.items()},  # type: ignore[attr-defined]
        "warmed": warmed,
    }


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    members = {
        "Ada": "soprano", "Iris": "soprano", "Bea": "alto", "Gwen": "alto",
        "Cal": "tenor", "Hal": "tenor", "Dov": "bass", "Eli": "bass", "Fin": "bass",
    }
    taps = [(name, (i * 5) % 4) for i, name in enumerate(members)]
    taps += [(name, 4) for name in list(members)[:4]]  # second taps after the break
    started = time.perf_counter()
    summary = run_rehearsal(members, taps)
    print(f"rehearsal tracked in {time.perf_counter() - started:.2f}s")
    taps_seen = sum(summary["per_section"].values())
    print(f"taps counted = {taps_seen} (expected {len(taps)})")
    print(f"on roster = {len(ROSTER)} (expected {len(members)})")
    print(f"late = {sorted(LATE)}")
    print(f"warmed up = {len(summary['warmed'])}, reps each = {set(summary['warmed'].values())}")


if __name__ == "__main__":
    main()
