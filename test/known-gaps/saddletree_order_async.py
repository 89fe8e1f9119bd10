"""Async order desk for a saddle-tree workshop.

Orders arrive on the event loop; the rawhide cutting plan for each order is computed in
worker threads (asyncio.to_thread) and the finished order is archived through the default
executor. A retry decorator wraps the flaky supplier lookup.
"""
import asyncio
import functools
import json
import logging
import math
import os
import random
import tempfile
import time
from dataclasses import asdict, dataclass, field

log = logging.getLogger("saddletree.orders")

SETTINGS = {
    "anneal": {"iterations": 12_000, "start_temp": 4.0},
    "retry": {"attempts": 3, "backoff_s": 0.02},
    "archive_latency_s": 0.01,
}


@dataclass
class Order:
    order_id: str
    customer: str
    seat_cm: float
    panels: list = field(default_factory=list)
    supplier: str = ""
    waste_pct: float = 0.0


def retry(attempts: int, backoff_s: float):
    """Retry an async call on ConnectionError, backing off between attempts."""
    def decorate(coro_fn):
        @functools.wraps(coro_fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(1, attempts + 1):
                try:
                    return await coro_fn(*args, **kwargs)
                except ConnectionError as exc:
                    if attempt == attempts:
                        raise
                    log.info("retrying %s after %s", coro_fn.__name__, exc)
                    time.sleep(backoff_s * attempt)  # expect: GIL004
        return wrapper
    return decorate


class SupplierDirectory:
    def __init__(self, flaky_ids):
        self._flaky = set(flaky_ids)
        self.lookups = 0

    @retry(**SETTINGS["retry"])
    async def supplier_for(self, order: Order) -> str:
        self.lookups += 1  # ok: GIL002
        await asyncio.sleep(0.005)  # ok: GIL004
        if order.order_id in self._flaky:
            self._flaky.discard(order.order_id)
            raise ConnectionError("supplier directory timed out")
        return "Hides & Sons" if order.seat_cm > 42 else "Upland Tannery"


def _layout_cost(positions, widths, hide_width):
    used = max(p + w for p, w in zip(positions, widths))
    overlap = 0.0
    for i in range(len(positions)):
        for j in range(i + 1, len(positions)):
            lo = max(positions[i], positions[j])
            hi = min(positions[i] + widths[i], positions[j] + widths[j])
            if hi > lo:
                overlap += hi - lo
    return used / hide_width + overlap * 3.0


def _anneal(widths, hide_width, *, iterations, start_temp, seed):
    rng = random.Random(seed)
    positions = [sum(widths[:i]) for i in range(len(widths))]
    cost = _layout_cost(positions, widths, hide_width)
    for step in range(iterations):  # expect: GIL001
        temp = start_temp * (1.0 - step / iterations) + 1e-3
        k = rng.randrange(len(positions))
        old = positions[k]
        positions[k] = max(0.0, old + rng.uniform(-2.0, 2.0))
        new_cost = _layout_cost(positions, widths, hide_width)
        if new_cost < cost or rng.random() < math.exp((cost - new_cost) / temp):
            cost = new_cost
        else:
            positions[k] = old
    return positions, cost


def plan_cutting(order_id: str, seat_cm: float, **anneal_opts):
    widths = [seat_cm * f for f in (0.42, 0.42, 0.31, 0.27, 0.18)]
    positions, cost = _anneal(widths, hide_width=seat_cm * 1.8, seed=len(order_id), **anneal_opts)
    waste = max(0.0, 100.0 * (1.0 - sum(widths) / (max(p + w for p, w in zip(positions, widths)))))
    return [round(p, 1) for p in positions], round(waste, 1), round(cost, 3)


def archive_order(root: str, payload: dict, latency_s: float) -> str:
    path = os.path.join(root, f"{payload['order_id']}.json")
    with open(path, "w") as fh:
        json.dump(payload, fh, indent=1)
    time.sleep(latency_s)  # ok: GIL004
    return path


class OrderDesk:
    def __init__(self, directory: SupplierDirectory, archive_root: str):
        self.directory = directory
        self.archive_root = archive_root
        self.completed = 0

    async def handle(self, order: Order) -> Order:
        order.supplier = await self.directory.supplier_for(order)
        order.panels, order.waste_pct, cost = await asyncio.to_thread(
            plan_cutting, order.order_id, order.seat_cm, **SETTINGS["anneal"])
        loop = asyncio.get_running_loop()
        path = await loop.run_in_executor(
            None, functools.partial(archive_order, self.archive_root, asdict(order),
                                    latency_s=SETTINGS["archive_latency_s"]))
        self.completed += 1  # ok: GIL002
        log.info("%s planned (cost %.3f, waste %.1f%%) -> %s", order.order_id, cost,
                 order.waste_pct, os.path.basename(path))
        return order


async def main():
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    orders = [Order("ST-101", "Ashby", 43.0), Order("ST-102", "Morrow", 40.5),
              Order("ST-103", "Quill", 44.5)]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="orders-") as root:
        desk = OrderDesk(SupplierDirectory(flaky_ids={"ST-102"}), root)
        done = await asyncio.gather(*(desk.handle(o) for o in orders))
        archived = sorted(os.listdir(root))
    for order in done:
        print(f"{order.order_id} {order.supplier:15s} waste {order.waste_pct:5.1f}% "
              f"panels {order.panels}")
    print(f"{desk.completed} orders, {desk.directory.lookups} lookups, archived {archived} "
          f"in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
