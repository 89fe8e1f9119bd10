"""Besom binding line.

Heather for besom heads flows through a generator pipeline (raw stems ->
bundles -> trimmed bundles).  Each binding station is a thread whose target
is a closure built per station and kept in a dict on the line.  Every bound
head cuts a length of wire from one shared spool and fires the "bound"
event on a small callback bus; the callbacks keep the shop totals.
"""
from __future__ import annotations

import functools
import logging
import random
import threading
import time
from collections import defaultdict
from dataclasses import dataclass

log = logging.getLogger("besom.binding")

TOTALS = {"brooms": 0, "grams": 0}
TOTALS_LOCK = threading.Lock()

LINE_CONFIG = {
    "stems": 2400,
    "bundle": 60,
    "trim_mm": 720,
    "passes": 250,
    "wire_cm": 35,
}


class SpoolEmpty(RuntimeError):
    pass


@dataclass(frozen=True)
class Stem:
    length_mm: int
    stiffness: int


def traced(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        log.debug("-> %s", fn.__name__)
        return fn(*args, **kwargs)
    return wrapper


class EventBus:
    def __init__(self):
        self._handlers = defaultdict(list)
        self._lock = threading.Lock()

    def on(self, event):
        def register(fn):
            with self._lock:
                self._handlers[event].append(fn)
            return fn
        return register

    def emit(self, event, **payload):
        with self._lock:
            handlers = list(self._handlers[event])
        for handler in handlers:
            handler(**payload)


# --- pipeline stages ---------------------------------------------------------

def raw_heather(seed, count):
    rng = random.Random(seed)
    for _ in range(count):
        yield Stem(rng.randint(300, 900), rng.randint(1, 9))


def bundled(stems, size):
    bundle = []
    for stem in stems:
        bundle.append(stem)
        if len(bundle) == size:
            yield bundle
            bundle = []
    if bundle:
        yield bundle


def trimmed(bundles, target_mm):
    for bundle in bundles:
        yield [s if s.length_mm <= target_mm else Stem(target_mm, s.stiffness) for s in bundle]


@traced
def grade_bundle(bundle, passes):
    score = 0
    for _ in range(passes):
        for stem in bundle:
            score = (score + stem.length_mm * stem.stiffness) % 65521
    return score


class BindingLine:
    def __init__(self, bus: EventBus, *, spool_m: int, **cfg):
        self.bus = bus
        self.cfg = {**LINE_CONFIG, **cfg}
        self._spool_lock = threading.Lock()
        self._spool_remaining = spool_m * 100
        self._runners = {}
        self._threads = []

    def _cut_wire(self, cm):
        self._spool_lock.acquire()  # expect: GIL005
        remaining = self._spool_remaining - cm
        if remaining < 0:
            raise SpoolEmpty(f"need {cm} cm, only {self._spool_remaining} cm left")
        self._spool_remaining = remaining
        self._spool_lock.release()
        return cm

    def _make_runner(self, station, seed):
        cfg = self.cfg
        source = trimmed(bundled(raw_heather(seed, cfg["stems"]), cfg["bundle"]), cfg["trim_mm"])

        def runner():
            for bundle in source:  # expect: GIL001
                score = grade_bundle(bundle, cfg["passes"])
                wire = self._cut_wire(cfg["wire_cm"])
                self.bus.emit("bound", station=station, grams=len(bundle) * 3,
                              score=score, wire=wire)
        runner.__name__ = f"runner_{station}"
        return runner

    def start(self, stations):
        for seed, station in enumerate(stations):
            self._runners[station] = self._make_runner(station, seed)
        for station in stations:
            t = threading.Thread(target=self._runners[station], name=f"bind-{station}")
            self._threads.append(t)
            t.start()

    def wait(self):
        for t in self._threads:
            t.join()

    @property
    def spool_left_cm(self):
        with self._spool_lock:
            return self._spool_remaining


def count_broom(**payload):
    TOTALS["brooms"] += 1  # expect: GIL002


def weigh_broom(*, grams, **_ignored):
    with TOTALS_LOCK:
        TOTALS["grams"] = TOTALS.get("grams", 0) + grams  # ok: GIL002


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    bus = EventBus()
    bus.on("bound")(count_broom)
    bus.on("bound")(weigh_broom)
    line = BindingLine(bus, spool_m=500)
    started = time.perf_counter()
    line.start(["north", "south", "east"])
    line.wait()
    elapsed = time.perf_counter() - started
    print(f"bound {TOTALS['brooms']} heads, {TOTALS['grams']} g of heather, "
          f"{line.spool_left_cm} cm of wire left, {elapsed:.2f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
