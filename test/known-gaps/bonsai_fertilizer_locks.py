"""Fertilizer dosing for the bonsai nursery.

Dose orders for the benches are executed by a thread pool; each nutrient has a
peristaltic pump that only one order may drive at a time.  Handlers registered
on a small event bus keep per-bench statistics.
"""
import logging
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

log = logging.getLogger("bonsai.fertilizer")

PUMP_SPEC = {"NPK-4-6-6": 900.0, "iron-chelate": 600.0, "seaweed": 750.0}
BENCHES = ("shohin-a", "shohin-b", "chuhin", "omono")


class DoseError(RuntimeError):
    """An order that the station refuses to dose."""


@dataclass(frozen=True)
class DoseOrder:
    bench: str
    ml: float
    nutrient: str = "NPK-4-6-6"


@dataclass
class Pump:
    name: str
    ml_per_s: float
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    delivered: float = 0.0
    primed: bool = False
    primes: int = 0


class EventBus:
    def __init__(self) -> None:
        self._handlers = defaultdict(list)

    def on(self, event: str):
        def register(fn):
            self._handlers[event].append(fn)
            return fn

        return register

    def emit(self, event: str, **payload) -> None:
        for handler in self._handlers[event]:
            handler(**payload)


bus = EventBus()
dose_counts: dict = {}
ml_by_nutrient: dict = {}
stats_lock = threading.Lock()


@bus.on("dosed")
def count_dose(*, order: DoseOrder, **_ignored) -> None:
    dose_counts[order.bench] = dose_counts.get(order.bench, 0) + 1  # expect: GIL002


@bus.on("dosed")
def total_ml(*, order: DoseOrder, ml: float, **_ignored) -> None:
    with stats_lock:
        ml_by_nutrient[order.nutrient] = ml_by_nutrient.get(order.nutrient, 0.0) + ml  # ok: GIL002


class PumpGuard:
    """Holds a pump's lock for the duration of a with-block."""

    def __init__(self, pump: Pump) -> None:
        self.pump = pump
        self.since = 0.0

    def __enter__(self) -> Pump:
        self.since = time.perf_counter()
        self.pump.lock.acquire()  # ok: GIL005
        return self.pump

    def __exit__(self, *exc) -> bool:
        self.pump.lock.release()
        log.debug("%s held %.1f ms", self.pump.name, (time.perf_counter() - self.since) * 1000)
        return False


class DosingStation:
    def __init__(self, pumps, *, max_ml: float = 40.0) -> None:
        self.pumps = {p.name: p for p in pumps}
        self.max_ml = max_ml
        self.rejected: list = []
        self._rejected_lock = threading.Lock()

    def _validate(self, order: DoseOrder) -> None:
        if order.ml > self.max_ml:
            raise DoseError(f"{order.ml} ml exceeds the {self.max_ml} ml limit")
        if order.nutrient not in self.pumps:
            raise DoseError(f"no pump for {order.nutrient}")

    def _prime(self, pump: Pump) -> None:
        if not pump.primed:  # expect: GIL003
            time.sleep(0.004)  # push air out of the tubing
            pump.primed = True
            log.info("primed %s", pump.name)

    def dose(self, order: DoseOrder) -> float:
        pump = self.pumps.get(order.nutrient) or next(iter(self.pumps.values()))
        self._prime(pump)
        if not pump.lock.acquire(timeout=1.0):  # ok: GIL005
            raise DoseError(f"pump {pump.name} busy")
        try:
            self._validate(order)
            time.sleep(order.ml / pump.ml_per_s)
            pump.delivered += order.ml  # ok: GIL002
        finally:
            pump.lock.release()
        bus.emit("dosed", order=order, ml=order.ml)
        return order.ml

    def dose_legacy(self, order: DoseOrder) -> float:
        """Old firmware path kept for the omono bench; returns early on empty orders."""
        pump = self.pumps[order.nutrient]
        pump.lock.acquire()  # expect: GIL005
        if order.ml <= 0:
            log.warning("empty order for %s", order.bench)
            return 0.0
        self._validate(order)
        time.sleep(order.ml / pump.ml_per_s)
        pump.delivered += order.ml
        pump.lock.release()
        bus.emit("dosed", order=order, ml=order.ml)
        return order.ml

    def flush(self) -> None:
        for pump in self.pumps.values():
            with PumpGuard(pump) as p:
                p.primes += 1


def run_batch(station: DosingStation, orders, *, legacy: bool = False) -> float:
    done = 0.0
    dose = station.dose_legacy if legacy else station.dose
    for order in orders:  # ok: GIL001
        try:
            done += dose(order)
        except DoseError as exc:
            with station._rejected_lock:
                station.rejected.append((order.bench, str(exc)))
    return done


def make_orders(bench: str, n: int):
    nutrients = list(PUMP_SPEC)
    for i in range(n):
        ml = 4.0 + (i * 3) % 9 if bench != "chuhin" or i != 2 else 55.0
        yield DoseOrder(bench, ml, nutrients[(i + len(bench)) % len(nutrients)])


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    station = DosingStation([Pump(name, rate) for name, rate in PUMP_SPEC.items()])
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="doser") as pool:
        futures = {
            pool.submit(run_batch, station, list(make_orders(b, 6)), legacy=(b == "omono")): b
            for b in BENCHES
        }
        for fut in as_completed(futures):
            log.info("bench %s dosed %.1f ml", futures[fut], fut.result())
    station.flush()
    print(f"doses per bench: {dict(sorted(dose_counts.items()))}")
    print(f"ml per nutrient: { {k: round(v, 1) for k, v in sorted(ml_by_nutrient.items())} }")
    print(f"rejected: {station.rejected}")
    print(f"finished in {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
