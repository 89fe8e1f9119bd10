"""Wheelwright tyring platform: event handlers for heating, shrinking and truing iron tyres.

Sensors around the tyring platform emit events on a small bus.  Handlers are
registered with a decorator and run in a thread pool (submit with the event payload
forwarded as keyword arguments), so several handlers run at once on the shared
TyreShop state.
"""
from __future__ import annotations

import functools
import logging
import threading
import time
from collections import defaultdict
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Callable

log = logging.getLogger("wheelwright.tyres")

MIN_SHRINK_C = 400
PLATFORM = {"lever_s": 0.002, "true_s": 0.001, "workers": 4}


class EventBus:
    def __init__(self) -> None:
        self._handlers: defaultdict[str, list[Callable[..., None]]] = defaultdict(list)
        self._pool: ThreadPoolExecutor | None = None
        self.futures: list[Future] = []

    def on(self, topic: str):
        def register(fn: Callable[..., None]) -> Callable[..., None]:
            self._handlers[topic].append(fn)
            return fn
        return register

    def attach(self, pool: ThreadPoolExecutor) -> None:
        self._pool = pool

    def emit(self, topic: str, **payload) -> None:
        assert self._pool is not None, "attach a pool first"
        for handler in self._handlers[topic]:
            self.futures.append(self._pool.submit(handler, **payload))

    def drain(self) -> list[BaseException]:
        wait(self.futures)
        return [f.exception() for f in self.futures if f.exception() is not None]


def traced(fn):
    @functools.wraps(fn)
    def wrapper(**payload):
        log.debug("%s(%s)", fn.__name__, payload)
        return fn(**payload)
    return wrapper


@dataclass
class TyreShop:
    lock: threading.Lock = field(default_factory=threading.Lock)
    truing_lock: threading.Lock = field(default_factory=threading.Lock)
    fitted: dict[str, str] = field(default_factory=dict)
    fit_log: list[tuple[str, str]] = field(default_factory=list)
    rims: dict[str, int] = field(default_factory=dict)
    quenched: list[str] = field(default_factory=list)
    trued: list[tuple[str, float]] = field(default_factory=list)


bus = EventBus()
shop = TyreShop()


@bus.on("tyre.heated")
@traced
def on_heated(wheel_id: str, temp_c: int, sensor: str) -> None:
    if wheel_id not in shop.fitted:  # expect: GIL003
        time.sleep(PLATFORM["lever_s"])  # lever the hot tyre over the felloes
        shop.fitted[wheel_id] = sensor
        shop.fit_log.append((wheel_id, sensor))


@bus.on("tyre.quenched")
@traced
def on_quenched(wheel_id: str, temp_c: int) -> None:
    shop.lock.acquire()  # expect: GIL005
    if temp_c < MIN_SHRINK_C:
        log.warning("%s quenched too cold (%d C): tyre will be loose", wheel_id, temp_c)
        return
    shop.quenched.append(wheel_id)
    shop.lock.release()


@bus.on("rim.cut")
@traced
def on_rim_cut(wheel_id: str, length_mm: int) -> None:
    with shop.lock:
        if wheel_id not in shop.rims:  # ok: GIL003
            shop.rims[wheel_id] = length_mm


@bus.on("wheel.trued")
@traced
def on_trued(wheel_id: str, runout_mm: float) -> None:
    shop.truing_lock.acquire()  # ok: GIL005
    try:
        time.sleep(PLATFORM["true_s"])  # spin the wheel on the truing stand
        shop.trued.append((wheel_id, round(runout_mm, 2)))
    finally:
        shop.truing_lock.release()


def tyre_length_mm(diameter_in: float, shrink_allowance_mm: float = 12.0) -> int:
    return round(3.14159 * diameter_in * 25.4 - shrink_allowance_mm)


def run_day(wheels: dict[str, float]) -> None:
    for wheel_id, diameter in wheels.items():
        bus.emit("rim.cut", wheel_id=wheel_id, length_mm=tyre_length_mm(diameter))
        bus.emit("rim.cut", wheel_id=wheel_id, length_mm=tyre_length_mm(diameter) + 1)
    for wheel_id in wheels:
        # both thermocouples on the fire report the same tyre reaching heat
        bus.emit("tyre.heated", wheel_id=wheel_id, temp_c=640, sensor="fire-east")
        bus.emit("tyre.heated", wheel_id=wheel_id, temp_c=655, sensor="fire-west")
    for n, wheel_id in enumerate(wheels):
        bus.emit("tyre.quenched", wheel_id=wheel_id, temp_c=520 - 10 * n)
        bus.emit("wheel.trued", wheel_id=wheel_id, runout_mm=0.4 + 0.1 * n)


def main() -> None:
    logging.basicConfig(level=logging.ERROR)
    wheels = {"cart-front-L": 42, "cart-front-R": 42, "cart-rear-L": 54, "cart-rear-R": 54}
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=PLATFORM["workers"], thread_name_prefix="bus") as pool:
        bus.attach(pool)
        run_day(wheels)
        errors = bus.drain()
    elapsed = time.perf_counter() - t0
    for wheel_id in wheels:
        fitters = [s for w, s in shop.fit_log if w == wheel_id]
        print(f"{wheel_id:<13} rim {shop.rims[wheel_id]} mm, fitted by {fitters}")
    print(f"double fits = {sum(1 for w in wheels if len([s for x, s in shop.fit_log if x == w]) > 1)} "
          f"(expected 0)")
    print(f"quenched = {len(shop.quenched)}, trued = {len(shop.trued)}, errors = {errors}")
    print(f"events handled = {len(bus.futures)} in {elapsed:.2f}s")


if __name__ == "__main__":
    main()
