"""Drone delivery dispatcher (asyncio).

Delivery requests arrive on the event loop.  For each one the dispatcher waits
for airspace clearance, plans a corridor on the city grid in a worker thread
(breadth-first search around no-fly cells), uploads the flight plan through the
default executor and marks the request dispatched.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass, field

log = logging.getLogger("drone.dispatch")

DISPATCH = {"grid": 170, "clearance_s": 0.01, "upload_settle_s": 0.003, "max_parallel": 3}
planner_stats = {"expanded": 0, "plans": 0}
_stats_lock = threading.Lock()


@dataclass(frozen=True)
class Request:
    order_id: str
    pickup: tuple
    dropoff: tuple
    zone: str = "central"


@dataclass
class FlightPlan:
    order_id: str
    cells: list = field(default_factory=list)

    @property
    def hops(self) -> int:
        return max(0, len(self.cells) - 1)


class CityGrid:
    def __init__(self, size: int):
        self.size = size
        self.blocked = {(x, y) for x in range(size) for y in range(size)
                        if (x * 7 + y * 13) % 17 == 0 and 0 < x < size - 1}

    def neighbours(self, cell):
        x, y = cell
        for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
            if 0 <= nx < self.size and 0 <= ny < self.size and (nx, ny) not in self.blocked:
                yield nx, ny


def plan_corridor(grid: CityGrid, start: tuple, goal: tuple) -> list:
    parent = {start: None}
    frontier = deque([start])
    expanded = 0
    while frontier:  # expect: GIL001
        cell = frontier.popleft()
        expanded += 1
        for nxt in grid.neighbours(cell):
            if nxt not in parent:
                parent[nxt] = cell
                frontier.append(nxt)
    planner_stats["expanded"] += expanded  # expect: GIL002
    with _stats_lock:
        planner_stats["plans"] += 1  # ok: GIL002
    path, cell = [], goal
    while cell is not None:
        path.append(cell)
        cell = parent.get(cell)
    return path[::-1]


def upload_flight_plan(directory: str, plan: FlightPlan) -> str:
    path = os.path.join(directory, f"{plan.order_id}.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"order": plan.order_id, "cells": plan.cells}, fh)
    time.sleep(DISPATCH["upload_settle_s"])  # ok: GIL004
    return path


class Dispatcher:
    def __init__(self, grid: CityGrid, upload_dir: str, **config):
        self.grid = grid
        self.upload_dir = upload_dir
        self.config = {**DISPATCH, **config}
        self.dispatched: list[str] = []
        self._slots = asyncio.Semaphore(self.config["max_parallel"])

    async def wait_for_clearance(self, zone: str) -> None:
        log.debug("requesting clearance for %s", zone)
        time.sleep(self.config["clearance_s"])  # expect: GIL004

    async def handle(self, request: Request) -> FlightPlan:
        async with self._slots:
            await self.wait_for_clearance(request.zone)
            cells = await asyncio.to_thread(plan_corridor, self.grid, request.pickup, request.dropoff)
            plan = FlightPlan(request.order_id, cells)
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, upload_flight_plan, self.upload_dir, plan)
            await asyncio.sleep(0.001)  # ok: GIL004
            self.dispatched.append(request.order_id)
            return plan

    async def run(self, requests: list[Request]) -> list[FlightPlan]:
        return await asyncio.gather(*(self.handle(r) for r in requests))


def make_requests(n: int, size: int) -> list[Request]:
    return [Request(f"ord-{i:03d}", (0, i % size), (size - 1, (i * 37) % size),
                    zone="harbour" if i % 2 else "central")
            for i in range(n)]


async def main() -> None:
    grid = CityGrid(DISPATCH["grid"])
    with tempfile.TemporaryDirectory() as upload_dir:
        dispatcher = Dispatcher(grid, upload_dir)
        started = time.perf_counter()
        plans = await dispatcher.run(make_requests(4, grid.size))
        elapsed = time.perf_counter() - started
        uploaded = len(os.listdir(upload_dir))
    hops = [p.hops for p in plans]
    print(f"dispatched {len(dispatcher.dispatched)} drones in {elapsed:.2f}s; uploaded {uploaded}")
    print(f"hops per plan {hops}; plans {planner_stats['plans']}, "
          f"cells expanded {planner_stats['expanded']}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main())
