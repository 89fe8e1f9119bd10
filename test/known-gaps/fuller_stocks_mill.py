"""Fulling mill: water-driven stocks hammer wet wool cloth until it felts and shrinks.

Stages are registered on the mill with their keyword arguments and started later,
each on its own thread; all stocks share one tally of the day's work.
"""
from __future__ import annotations

import functools
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

log = logging.getLogger("fuller.stocks")
logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")

MILL_CONFIG = {"strokes_per_minute": 5_000, "minutes": 150, "wheel_poll_s": 0.01}


def synchronized(method):
    """Run the method while holding the instance's lock."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)
    return wrapper


@dataclass
class Cloth:
    name: str
    ells: float
    grease: float
    felt: float = 0.0


class Tally:
    """The mill's day book; every stock writes here."""

    def __init__(self):
        self._lock = threading.Lock()
        self._shrinkage = 0.0
        self.strokes = 0
        self.finished: list[str] = []

    @property
    def total_shrinkage(self) -> float:
        return self._shrinkage

    @total_shrinkage.setter
    def total_shrinkage(self, value: float) -> None:
        self._shrinkage = round(value, 4)

    @synchronized
    def add_strokes(self, n: int) -> None:
        self.strokes += n  # ok: GIL002


@dataclass
class StageSpec:
    name: str
    fn: Callable[..., Any]
    kwargs: dict[str, Any] = field(default_factory=dict)


class Mill:
    def __init__(self):
        self._stages: list[StageSpec] = []
        self._threads: list[threading.Thread] = []

    def register(self, name: str, fn: Callable[..., Any], **kwargs) -> None:
        self._stages.append(StageSpec(name, fn, kwargs))

    def stage(self, name: str, **kwargs):
        def decorate(fn):
            self.register(name, fn, **kwargs)
            return fn
        return decorate

    def _spawn(self, spec: StageSpec) -> threading.Thread:
        worker = threading.Thread(target=spec.fn, kwargs=spec.kwargs, name=spec.name)
        worker.start()
        return worker

    def start_all(self) -> None:
        self._threads = [self._spawn(spec) for spec in self._stages]

    def join_all(self) -> None:
        for t in self._threads:
            t.join()


def hammer_stocks(cloth: Cloth, tally: Tally, *, strokes_per_minute: int, minutes: int, **_extra) -> None:
    felt = cloth.felt
    rate = 0.00002 / (1.0 + cloth.grease)
    shrink = 0.0
    for minute in range(minutes):  # expect: GIL001
        turn = 1.0 if minute % 2 else 0.96
        for stroke in range(strokes_per_minute):
            felt += (1.0 - felt) * rate * turn
            if stroke % 500 == 0:
                shrink += felt * 0.0001
    cloth.felt = felt
    tally.add_strokes(strokes_per_minute * minutes)
    tally.total_shrinkage += shrink * cloth.ells  # expect: GIL002
    tally.finished.append(cloth.name)
    log.info("%s felted to %.3f", cloth.name, felt)


def watch_wheel(stop: threading.Event, poll_s: float, readings: list[float]) -> None:
    start = time.perf_counter()
    while not stop.wait(poll_s):  # ok: GIL001
        readings.append(round(time.perf_counter() - start, 3))


def build_mill(tally: Tally, cloths: list[Cloth], stop: threading.Event, readings: list[float]) -> Mill:
    mill = Mill()
    stock_kwargs = {k: MILL_CONFIG[k] for k in ("strokes_per_minute", "minutes")}
    for n, cloth in enumerate(cloths):
        mill.register(f"stock-{n}", hammer_stocks, cloth=cloth, tally=tally, **stock_kwargs)

    @mill.stage("wheel", stop=stop, poll_s=MILL_CONFIG["wheel_poll_s"], readings=readings)
    def _wheel(**kwargs):
        watch_wheel(**kwargs)

    return mill


def main() -> None:
    tally = Tally()
    cloths = [Cloth("broadcloth", 24.0, 0.3), Cloth("kersey", 18.0, 0.5), Cloth("russet", 20.0, 0.2)]
    stop = threading.Event()
    readings: list[float] = []
    mill = build_mill(tally, cloths, stop, readings)
    started = time.perf_counter()
    mill.start_all()
    while len(tally.finished) < len(cloths):
        time.sleep(0.005)
    stop.set()
    mill.join_all()
    print(f"fulled {', '.join(sorted(tally.finished))}: {tally.strokes} strokes, "
          f"shrinkage {tally.total_shrinkage:.3f} ells")
    print(f"wheel watched {len(readings)} times; mill ran {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
