"""Bell foundry: melters draw bell bronze from a shared metal stock.

Melter threads are launched from a role table through a couple of helper
layers.  Each melt reserves an alloy spec, draws copper, and pours through one
of the shared crucibles.  A Timer starts the cooling simulation for the first
casting once the melters are under way.
"""
from __future__ import annotations

import contextlib
import logging
import threading
import time
from dataclasses import dataclass
from typing import Callable, Dict, Iterator, List, Tuple

log = logging.getLogger("bellfoundry.stock")

FOUNDRY = {
    "copper_kg": 900.0,
    "tin_kg": 300.0,
    "crucibles": 2,
    "melt_seconds": 0.005,
    "cooling_k": 1e-5,
}


@dataclass
class Crucible:
    label: str
    capacity_kg: float
    pours: int = 0


@dataclass(frozen=True)
class MeltOrder:
    bell: str
    spec: str          # e.g. "Cu78Sn22"
    weight_kg: float


def parse_spec(spec: str) -> Tuple[float, float]:
    if not spec.startswith("Cu") or "Sn" not in spec:
        raise ValueError(f"not a bell bronze spec: {spec!r}")
    cu, sn = spec[2:].split("Sn")
    if int(cu) + int(sn) != 100:
        raise ValueError(f"spec does not add up: {spec!r}")
    return int(cu) / 100, int(sn) / 100


@contextlib.contextmanager
def guarded(lock: threading.Lock, label: str) -> Iterator[None]:
    t0 = time.perf_counter()
    with lock:
        yield
    log.debug("%s held %.2f ms", label, (time.perf_counter() - t0) * 1e3)


class MetalStock:
    def __init__(self, copper_kg: float, tin_kg: float) -> None:
        self._lock = threading.Lock()
        self.copper_kg = copper_kg
        self.tin_kg = tin_kg
        self._reserved: List[Tuple[float, float]] = []

    def reserve(self, spec: str) -> Tuple[float, float]:
        self._lock.acquire()  # expect: GIL005
        alloy = parse_spec(spec)
        self._reserved.append(alloy)
        self._lock.release()
        return alloy

    def draw_copper(self, need_kg: float) -> bool:
        with guarded(self._lock, "copper"):
            if self.copper_kg >= need_kg:  # ok: GIL003
                self.copper_kg -= need_kg  # ok: GIL002
                return True
        return False

    @property
    def reserved(self) -> int:
        return len(self._reserved)


def simulate_cooling(bell: str, start_c: float, ambient_c: float, k: float,
                     results: Dict[str, int]) -> None:
    temp, steps = start_c, 0
    while temp > ambient_c + 1.0:  # expect: GIL001
        temp -= k * (temp - ambient_c)
        steps += 1
    results[bell] = steps


def melt_worker(stock: MetalStock, crucibles: List[Crucible], orders: List[MeltOrder],
                melt_seconds: float, log_sink: List[str]) -> None:
    for n, order in enumerate(orders):
        cu, _sn = stock.reserve(order.spec)
        if not stock.draw_copper(order.weight_kg * cu):
            log_sink.append(f"{order.bell}: short of copper")
            continue
        time.sleep(melt_seconds)
        crucible = crucibles[n % len(crucibles)]
        crucible.pours += 1  # expect: GIL002
        log_sink.append(f"{order.bell}: poured via {crucible.label}")


ROLES: Dict[str, Callable[..., None]] = {"melter": melt_worker}


def launch(role: str, name: str, **kwargs) -> threading.Thread:
    target = ROLES[role]
    return _spawn(target, name, kwargs)


def _spawn(target: Callable[..., None], name: str, kwargs: Dict) -> threading.Thread:
    thread = threading.Thread(target=target, name=name, kwargs=kwargs)
    thread.start()
    return thread


def split_orders(orders: List[MeltOrder], parts: int) -> List[List[MeltOrder]]:
    return [orders[i::parts] for i in range(parts)]


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    stock = MetalStock(FOUNDRY["copper_kg"], FOUNDRY["tin_kg"])
    crucibles = [Crucible(f"crucible-{c}", 250.0) for c in "AB"[: FOUNDRY["crucibles"]]]
    orders = [MeltOrder(f"bell-{i}", "Cu78Sn22" if i % 3 else "Cu80Sn20", 60.0 + 15 * i)
              for i in range(9)]
    events: List[str] = []
    cooling: Dict[str, int] = {}
    start = time.perf_counter()
    timer = threading.Timer(0.01, simulate_cooling,
                            kwargs={"bell": orders[0].bell, "start_c": 1150.0, "ambient_c": 20.0,
                                    "k": FOUNDRY["cooling_k"], "results": cooling})
    timer.start()
    melters = [launch("melter", f"melter-{i}", stock=stock, crucibles=crucibles, orders=part,
                      melt_seconds=FOUNDRY["melt_seconds"], log_sink=events)
               for i, part in enumerate(split_orders(orders, 3))]
    for t in melters:
        t.join()
    timer.join()
    log.info("reserved=%d copper left=%.1f kg in %.2fs", stock.reserved, stock.copper_kg,
             time.perf_counter() - start)
    log.info("pours per crucible: %s", {c.label: c.pours for c in crucibles})
    log.info("cooling steps: %s; events: %d", cooling, len(events))


if __name__ == "__main__":
    main()
