"""Async dispatch desk for the ice delivery round.

Orders arrive on an asyncio.Queue; the desk weighs each block on the dock scale,
forecasts how much will melt on the way (a numeric model run in a worker thread via
asyncio.to_thread) and notifies the customer.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import math
import time
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Dict, List, Optional

logging.basicConfig(level=logging.INFO, format="%(threadName)-20s %(message)s")
log = logging.getLogger("iceman.dispatch")

SIM_STATS: Dict[str, int] = {"steps": 0}
DESK_CFG = {"scale_settle_s": 0.003, "notify_s": 0.002, "dt_s": 0.01, "consumers": 2}


@dataclass
class Order:
    order_id: str
    customer: str
    kg: float
    ambient_c: float
    minutes: int
    forecast_kg: Optional[float] = None
    tags: List[str] = field(default_factory=list)


def melt_model(block_kg: float, ambient_c: float, minutes: int, *, dt_s: float,
               insulation: float = 0.6, **coeffs: float) -> float:
    """Explicit-Euler melt of a block wrapped in straw and sackcloth."""
    h = coeffs.get("h", 8.0) * (1.0 - insulation)
    latent = coeffs.get("latent", 334_000.0)
    mass = block_kg
    steps = int(minutes * 60 / dt_s)
    for _ in range(steps):  # expect: GIL001
        if mass <= 0.0:
            break
        side = (mass / 917.0) ** (1.0 / 3.0)
        watts = h * 6.0 * side * side * max(ambient_c, 0.0)
        mass -= watts * dt_s / latent
    SIM_STATS["steps"] += steps  # expect: GIL002
    return max(mass, 0.0)


def timed_async(label: str) -> Callable[[Callable[..., Awaitable[Any]]], Callable[..., Awaitable[Any]]]:
    def decorate(fn: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return await fn(*args, **kwargs)
            finally:
                log.debug("%s %.1f ms", label, (time.perf_counter() - started) * 1000)

        return wrapper

    return decorate


class DispatchDesk:
    def __init__(self, **cfg: Any) -> None:
        self.cfg = {**DESK_CFG, **cfg}
        self.queue: "asyncio.Queue[Optional[Order]]" = asyncio.Queue()
        self.pending: Dict[str, Order] = {}
        self.done: List[Order] = []
        self.notified = 0

    async def accept(self, order: Order) -> None:
        if order.order_id not in self.pending:  # ok: GIL003
            self.pending[order.order_id] = order
            await self.queue.put(order)

    async def weigh(self, order: Order) -> float:
        time.sleep(self.cfg["scale_settle_s"])  # expect: GIL004
        return round(order.kg * 0.995, 2)

    @timed_async("forecast")
    async def forecast(self, order: Order) -> float:
        return await asyncio.to_thread(melt_model, order.kg, order.ambient_c, order.minutes,
                                       dt_s=self.cfg["dt_s"], insulation=0.55, h=9.0)

    async def notify(self, order: Order) -> None:
        await asyncio.sleep(self.cfg["notify_s"])  # ok: GIL004
        self.notified += 1  # ok: GIL002
        log.info("%s: %s gets %.1f kg (%.1f kg after the trip)",
                 order.order_id, order.customer, order.kg, order.forecast_kg or 0.0)

    async def consumer(self, name: str) -> None:
        while True:
            order = await self.queue.get()
            try:
                if order is None:
                    return
                order.kg = await self.weigh(order)
                order.forecast_kg = await self.forecast(order)
                await self.notify(order)
                self.done.append(self.pending.pop(order.order_id))
            finally:
                self.queue.task_done()


async def main() -> None:
    desk = DispatchDesk()
    orders = [
        Order("A-101", "Golden Carp tavern", 25.0, 24.0, 40),
        Order("A-102", "Infirmary", 40.0, 22.0, 55),
        Order("A-103", "Fishmonger Vos", 60.0, 26.0, 35),
        Order("A-101", "Golden Carp tavern", 25.0, 24.0, 40),  # duplicate from the phone line
    ]
    started = time.perf_counter()
    consumers = [asyncio.create_task(desk.consumer(f"desk-{i}")) for i in range(DESK_CFG["consumers"])]
    for order in orders:
        await desk.accept(order)
    await desk.queue.join()
    for _ in consumers:
        await desk.queue.put(None)
    await asyncio.gather(*consumers)
    elapsed = time.perf_counter() - started
    lost = sum(o.kg - (o.forecast_kg or 0.0) for o in desk.done)
    print(f"delivered={len(desk.done)} notified={desk.notified} melt_loss={lost:.2f} kg "
          f"sim_steps={SIM_STATS['steps']} in {elapsed:.2f}s")
    print("orders:", sorted(o.order_id for o in desk.done), "math ok:", math.isfinite(lost))


if __name__ == "__main__":
    asyncio.run(main())
