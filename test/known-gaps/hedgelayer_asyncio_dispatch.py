"""Async dispatcher for hedge laying crews.

For each field the dispatcher confirms access with the landowner (a flaky remote call,
retried), reads the forecast through a blocking client in a worker thread, and works out
a cutting plan for the pleachers on a small thread pool.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import math
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("hedgelayer.dispatch")

DISPATCH_CONFIG = {
    "plan_samples": 200_000,
    "pool_workers": 2,
    "retry": {"tries": 3, "backoff": 0.01},
}


def async_retry(tries: int = 3, backoff: float = 0.01):
    """Retry a coroutine on ConnectionError with a linear back-off."""
    def decorate(coro_fn):
        @functools.wraps(coro_fn)
        async def wrapper(*args, **kwargs):
            last: Exception | None = None
            for attempt in range(1, tries + 1):
                try:
                    return await coro_fn(*args, **kwargs)
                except ConnectionError as exc:
                    last = exc
                    log.info("attempt %d of %s failed: %s", attempt, coro_fn.__name__, exc)
                    time.sleep(backoff * attempt)  # expect: GIL004
            raise RuntimeError(f"{coro_fn.__name__} gave up") from last
        return wrapper
    return decorate


@dataclass
class Field:
    name: str
    length_m: float
    owner: str
    flaky_calls: int = 0


@dataclass
class CutPlan:
    field_name: str
    angle_deg: float
    waste_cm: float


@dataclass
class Dispatch:
    field_name: str
    forecast: str
    plan: CutPlan
    notes: list[str] = field(default_factory=list)


def plan_cuts(field_name: str, length_m: float, *, samples: int) -> CutPlan:
    """Search pleacher angles for the least heel waste over the whole length."""
    best_angle, best_waste = 0.0, math.inf
    for i in range(samples):  # expect: GIL001
        angle = 20.0 + (i % 500) * 0.05
        stems = length_m / (0.3 + (i % 7) * 0.01)
        waste = abs(math.sin(math.radians(angle)) * stems * 0.33 - length_m * 0.55)
        if waste < best_waste:
            best_angle, best_waste = angle, waste
    return CutPlan(field_name, round(best_angle, 2), round(best_waste * 100, 1))


class Dispatcher:
    def __init__(self, config: dict):
        self.config = config
        self.pool = ThreadPoolExecutor(max_workers=config["pool_workers"], thread_name_prefix="plan")
        self.plans: dict[str, CutPlan] = {}
        self.confirmed: list[str] = []

    @async_retry(**DISPATCH_CONFIG["retry"])
    async def confirm_landowner(self, fld: Field) -> bool:
        await asyncio.sleep(0.005)  # ok: GIL004
        if fld.flaky_calls > 0:
            fld.flaky_calls -= 1  # ok: GIL002
            raise ConnectionError(f"no answer from {fld.owner}")
        self.confirmed.append(fld.name)
        return True

    def _read_forecast_blocking(self, field_name: str) -> str:
        time.sleep(0.02)  # ok: GIL004
        return "dry, light frost" if len(field_name) % 2 else "overcast"

    async def forecast(self, fld: Field) -> str:
        return await asyncio.to_thread(self._read_forecast_blocking, fld.name)

    async def cut_plan(self, fld: Field) -> CutPlan:
        loop = asyncio.get_running_loop()
        if fld.name not in self.plans:  # ok: GIL003
            job = functools.partial(plan_cuts, fld.name, fld.length_m,
                                    samples=self.config["plan_samples"])
            self.plans[fld.name] = await loop.run_in_executor(self.pool, job)
        return self.plans[fld.name]

    async def dispatch(self, fld: Field) -> Dispatch:
        await self.confirm_landowner(fld)
        forecast, plan = await asyncio.gather(self.forecast(fld), self.cut_plan(fld))
        d = Dispatch(fld.name, forecast, plan)
        if "frost" in forecast:
            d.notes.append("start after ten; frozen stems snap")
        return d

    async def run(self, fields: list[Field]) -> list[Dispatch]:
        try:
            return await asyncio.gather(*(self.dispatch(f) for f in fields))
        finally:
            self.pool.shutdown(wait=True)


def fields_for_week() -> list[Field]:
    return [
        Field("Long Acre", 220.0, "Mrs Aske"),
        Field("Cuckoo Pen", 140.0, "Glebe Farm", flaky_calls=1),
        Field("Rookery Piece", 95.0, "Mr Tallis"),
    ]


async def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    start = time.perf_counter()
    dispatcher = Dispatcher(DISPATCH_CONFIG)
    for d in await dispatcher.run(fields_for_week()):
        notes = "; ".join(d.notes) or "-"
        print(f"{d.field_name:14s} {d.forecast:18s} angle {d.plan.angle_deg:5.2f} "
              f"waste {d.plan.waste_cm:6.1f} cm  notes: {notes}")
    print(f"confirmed: {sorted(dispatcher.confirmed)}")
    print(f"wall: {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
