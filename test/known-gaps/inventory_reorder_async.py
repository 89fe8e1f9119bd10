"""Inventory reorder-point refresher (asyncio service).

Every cycle the service loads sales history per SKU, fits a smoothed demand
forecast, and writes the new reorder points. The forecast fitting is handed to
a thread pool via ``run_in_executor`` so the event loop keeps answering health
checks, and the export goes through ``asyncio.to_thread``.
"""
from __future__ import annotations

import asyncio
import functools
import json
import logging
import math
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, asdict
from typing import Callable, Dict, List

log = logging.getLogger("inventory.reorder")

CONFIG = {
    "skus": ["A-100", "B-220", "C-310", "D-404"],
    "history_days": 150_000,
    "alpha": 0.15,
    "beta": 0.05,
    "service_level_z": 1.65,
    "lead_time_days": 7,
}


@dataclass
class ReorderPoint:
    sku: str
    mean_daily: float
    sigma: float
    reorder_at: int


def logged(fn: Callable) -> Callable:
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            log.debug("%s took %.1f ms", fn.__name__, (time.perf_counter() - start) * 1e3)
    return wrapper


class SalesWarehouseClient:
    """Synchronous client of the sales data warehouse (vendor driver, no async API)."""

    def __init__(self, latency_s: float = 0.02) -> None:
        self.latency_s = latency_s

    def _round_trip(self) -> None:
        time.sleep(self.latency_s)  # expect: GIL004

    def load_history(self, sku: str, days: int) -> List[int]:
        self._round_trip()
        seed = sum(map(ord, sku))
        return [(seed * (d + 1) * 2654435761) % 23 + (d % 7) for d in range(days)]


@logged
def fit_forecast(sku: str, history: List[int], alpha: float, beta: float,
                 z: float, lead_time: int) -> ReorderPoint:
    """Holt's linear smoothing plus residual variance; pure Python on purpose (no numpy on the box)."""
    level, trend = float(history[0]), 0.0
    sq_err = 0.0
    for demand in history[1:]:  # expect: GIL001
        forecast = level + trend
        err = demand - forecast
        sq_err += err * err
        new_level = alpha * demand + (1 - alpha) * forecast
        trend = beta * (new_level - level) + (1 - beta) * trend
        level = new_level
    sigma = math.sqrt(sq_err / max(1, len(history) - 1))
    reorder = int(math.ceil(level * lead_time + z * sigma * math.sqrt(lead_time)))
    return ReorderPoint(sku, round(level, 3), round(sigma, 3), reorder)


def export_reorder_points(path: str, points: List[ReorderPoint]) -> int:
    """Blocking write to the shared drive; called through asyncio.to_thread."""
    payload = json.dumps([asdict(p) for p in points], indent=2)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(payload)
        fh.flush()
        os.fsync(fh.fileno())
    time.sleep(0.01)  # ok: GIL004
    return len(payload)


class ReorderService:
    def __init__(self, config: Dict, client: SalesWarehouseClient, out_path: str) -> None:
        self.config = config
        self.client = client
        self.out_path = out_path
        self.cycles = 0
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="forecast")

    async def _refresh_sku(self, sku: str) -> ReorderPoint:
        cfg = self.config
        history = self.client.load_history(sku, cfg["history_days"])
        loop = asyncio.get_running_loop()
        job = functools.partial(fit_forecast, sku, history, cfg["alpha"], cfg["beta"],
                                z=cfg["service_level_z"], lead_time=cfg["lead_time_days"])
        return await loop.run_in_executor(self._pool, job)

    async def run_cycle(self) -> List[ReorderPoint]:
        points = await asyncio.gather(*(self._refresh_sku(s) for s in self.config["skus"]))
        written = await asyncio.to_thread(export_reorder_points, self.out_path, list(points))
        self.cycles += 1  # ok: GIL002
        log.info("cycle %d wrote %d bytes", self.cycles, written)
        return list(points)

    async def heartbeat(self, stop: asyncio.Event) -> int:
        beats = 0
        while not stop.is_set():
            await asyncio.sleep(0.01)  # ok: GIL004
            beats += 1
        return beats

    def close(self) -> None:
        self._pool.shutdown(wait=True)


async def amain(out_path: str) -> None:
    service = ReorderService(CONFIG, SalesWarehouseClient(), out_path)
    stop = asyncio.Event()
    hb = asyncio.create_task(service.heartbeat(stop))
    try:
        points = await service.run_cycle()
    finally:
        stop.set()
        beats = await hb
        service.close()
    for p in points:
        print(f"{p.sku}: mean={p.mean_daily} sigma={p.sigma} reorder_at={p.reorder_at}")
    print(f"heartbeats during cycle: {beats}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(amain(os.path.join(tmp, "reorder_points.json")))
