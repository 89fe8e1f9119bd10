"""Coachbuilder's shop: an asyncio dispatcher that reads order manifests and plans door fitting.

Manifests are fetched by URL (file:// URLs in this offline run). The dispatcher's fast path
reads the urgent manifest right on the event loop; the normal path hands the read to a worker
thread. Door-gap planning is a numeric search sent to a thread pool, and the finished coach is
booked into the delivery yard under the yard lock.
"""
import asyncio
import json
import logging
import os
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("coachbuilder.dispatch")
logging.basicConfig(level=logging.WARNING)

DISPATCH = {
    "orders": ["brougham", "landau", "clarence"],
    "urgent": "mail coach",
    "gap_search_steps": 1_600,
    "planners": 2,
}


@dataclass
class CoachOrder:
    coach: str
    doors: int
    width_mm: float
    cancelled: bool = False
    plan: dict = field(default_factory=dict)


class DeliveryYard:
    def __init__(self):
        self._yard_lock = threading.Lock()
        self.bays: dict = {}

    def book(self, order: CoachOrder) -> "str | None":
        self._yard_lock.acquire()  # expect: GIL005
        if order.cancelled:
            log.warning("order %s cancelled, no bay", order.coach)
            return None
        bay = f"bay-{len(self.bays) + 1}"
        self.bays[bay] = order.coach
        self._yard_lock.release()
        return bay


def read_manifest_sync(url: str) -> dict:
    """Blocking fetch; only ever called through asyncio.to_thread."""
    with urllib.request.urlopen(url, timeout=2) as resp:  # ok: GIL004
        return json.loads(resp.read().decode())


def plan_door_gaps(coach: str, doors: int, width_mm: float, steps: int) -> dict:
    """Search hinge offsets for even door gaps: a brute-force grid, pure Python."""
    best = (float("inf"), 0.0, 0.0)
    for a in range(steps):  # expect: GIL001
        hinge = 20.0 + a * 0.02
        for b in range(steps // 10):
            latch = 15.0 + b * 0.05
            panel = (width_mm - hinge - latch) / doors
            gap = abs((hinge + latch) / doors / 10 - 3.2 - 0.0005 * a) + abs(panel % 1.0 - 0.5) * 0.01
            if gap < best[0]:
                best = (gap, hinge, latch)
    return {"coach": coach, "gap_error": round(best[0], 4), "hinge_mm": best[1], "latch_mm": best[2]}


class Dispatcher:
    def __init__(self, manifest_dir: Path, pool: ThreadPoolExecutor, yard: DeliveryYard, **config):
        self.manifest_dir = manifest_dir
        self.pool = pool
        self.yard = yard
        self.config = config

    def url_for(self, coach: str) -> str:
        return (self.manifest_dir / f"{coach.replace(' ', '_')}.json").as_uri()

    async def fetch_urgent(self) -> CoachOrder:
        url = self.url_for(self.config["urgent"])
        with urllib.request.urlopen(url, timeout=2) as resp:  # expect: GIL004
            data = json.loads(resp.read().decode())
        return CoachOrder(**data)

    async def fetch(self, coach: str) -> CoachOrder:
        data = await asyncio.to_thread(read_manifest_sync, self.url_for(coach))
        return CoachOrder(**data)

    async def plan(self, order: CoachOrder) -> CoachOrder:
        loop = asyncio.get_running_loop()
        order.plan = await loop.run_in_executor(
            self.pool, plan_door_gaps, order.coach, order.doors, order.width_mm,
            self.config["gap_search_steps"],
        )
        return order

    async def handle(self, coach: str, urgent: bool = False) -> str:
        order = await (self.fetch_urgent() if urgent else self.fetch(coach))
        order = await self.plan(order)
        bay = await asyncio.to_thread(self.yard.book, order)
        return f"{order.coach:10s} gap error {order.plan['gap_error']} mm -> {bay}"


def write_manifests(directory: Path, coaches: list) -> None:
    for i, coach in enumerate(coaches):
        manifest = {"coach": coach, "doors": 2 + i % 2, "width_mm": 1400.0 + 25 * i}
        (directory / f"{coach.replace(' ', '_')}.json").write_text(json.dumps(manifest))


async def main() -> None:
    with tempfile.TemporaryDirectory(prefix="manifests-") as tmp:
        directory = Path(tmp)
        write_manifests(directory, DISPATCH["orders"] + [DISPATCH["urgent"]])
        yard = DeliveryYard()
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=DISPATCH["planners"], thread_name_prefix="planner") as pool:
            dispatcher = Dispatcher(directory, pool, yard, **DISPATCH)
            lines = await asyncio.gather(
                dispatcher.handle(DISPATCH["urgent"], urgent=True),
                *(dispatcher.handle(c) for c in DISPATCH["orders"]),
            )
        elapsed = time.perf_counter() - start
        files = sorted(os.listdir(tmp))
    for line in lines:
        print(line)
    print(f"manifests read: {len(files)}; yard bays: {sorted(yard.bays.values())}")
    print(f"dispatch took {elapsed:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
