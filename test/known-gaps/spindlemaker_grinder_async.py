"""Bearing-seat grinding cell for spindle shafts, run by an asyncio controller.

Every shaft runs the operations of its program (rough, dress, finish, measure). Operations are
coroutines registered by name. The in-process gauge streams diameter readings over a socket pair
from its own thread; infeed planning and wheel dressing go to a thread pool.
"""
import asyncio
import functools
import math
import socket
import struct
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

CELL = {
    "shafts": [
        {"serial": "SH-5501", "seat_mm": 65.0, "stock_um": 120, "program": ["rough", "dress", "finish", "measure"]},
        {"serial": "SH-5502", "seat_mm": 65.0, "stock_um": 90, "program": ["rough", "finish", "measure"]},
        {"serial": "SH-5503", "seat_mm": 80.0, "stock_um": 150, "program": ["rough", "dress", "finish", "measure", "measure"]},
    ],
    "profile_points": 3600,
    "passes": 100,
    "dress_s": 0.01,
    "gauge_interval_s": 0.001,
}

OPERATIONS = {}
READING = struct.Struct("!d")


def operation(name):
    def register(fn):
        OPERATIONS[name] = fn
        return fn
    return register


@dataclass
class Shaft:
    serial: str
    seat_mm: float
    stock_um: float
    program: list
    removed_um: float = 0.0
    readings: list = field(default_factory=list)

    @property
    def remaining_um(self):
        return max(self.stock_um - self.removed_um, 0.0)


def plan_infeed(points, passes, stock_um):
    """Spread the stock over the passes so the seat profile stays within 1 um of round."""
    profile = [stock_um * (1.0 + 0.02 * math.sin(7 * math.pi * i / points)) for i in range(points)]
    plan = []
    for p in range(passes):  # expect: GIL001 -- 100 passes x 3600 profile points per planning task in the pool thread, ~40 ms
        share = 1.0 / (passes - p)
        removal = 0.0
        for i in range(points):
            cut = profile[i] * share
            profile[i] -= cut
            removal = max(removal, cut)
        plan.append(round(removal, 3))
    return plan


def dress_wheel(seconds):
    time.sleep(seconds)  # ok: GIL004 -- dress_wheel only runs in the executor (run_in_executor), off the event loop
    return 0.02


def gauge_stream(shafts):
    """Reference diameters the gauge head will report, one per `measure` operation."""
    for shaft in shafts:
        for k in range(shaft.program.count("measure")):
            yield shaft.seat_mm + 0.001 * k


class GaugeLink:
    def __init__(self, sock):
        self.sock = sock

    def read_diameter(self):
        return READING.unpack(self._recv_exact(READING.size))[0]

    def _recv_exact(self, size):
        buf = b""
        while len(buf) < size:
            chunk = self.sock.recv(size - len(buf))  # expect: GIL004 -- blocking recv, reached from the `measure` coroutine via read_diameter
            if not chunk:
                raise ConnectionError("gauge closed")
            buf += chunk
        return buf


class GaugeHead(threading.Thread):
    def __init__(self, sock, values, interval_s):
        super().__init__(name="gauge", daemon=True)
        self.sock, self.values, self.interval_s = sock, values, interval_s

    def run(self):
        for value in self.values:  # ok: GIL001 -- one reading per millisecond, the thread sleeps between them
            time.sleep(self.interval_s)  # ok: GIL004 -- a plain thread, not a coroutine
            self.sock.sendall(READING.pack(value))


class Cell:
    def __init__(self, config, pool, gauge):
        self.config = config
        self.pool = pool
        self.gauge = gauge
        self.parts_done = 0
        self.wheel_wear_mm = 0.0

    async def offload(self, fn, *args):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, functools.partial(fn, *args))


@operation("rough")
async def rough(cell, shaft):
    plan = await cell.offload(plan_infeed, cell.config["profile_points"], cell.config["passes"], shaft.remaining_um * 0.8)
    shaft.removed_um += sum(plan)  # ok: GIL002 -- coroutines on the event-loop thread only; the pool just returns the plan


@operation("finish")
async def finish(cell, shaft):
    await asyncio.sleep(0.002)  # ok: GIL004 -- asyncio.sleep yields to the loop
    shaft.removed_um = shaft.stock_um


@operation("dress")
async def dress(cell, shaft):
    wear = await cell.offload(dress_wheel, cell.config["dress_s"])
    cell.wheel_wear_mm += wear  # ok: GIL002 -- updated by coroutines only, all on the loop thread


@operation("measure")
async def measure(cell, shaft):
    shaft.readings.append(cell.gauge.read_diameter())
    await asyncio.sleep(0)


async def grind(cell, shaft):
    for name in shaft.program:
        await OPERATIONS[name](cell, shaft)
    cell.parts_done += 1  # ok: GIL002 -- event-loop thread only
    return shaft


async def run_cell(cell, shafts):
    return await asyncio.gather(*(grind(cell, s) for s in shafts))


def main():
    started = time.perf_counter()
    ours, theirs = socket.socketpair()
    shafts = [Shaft(s["serial"], s["seat_mm"], s["stock_um"], list(s["program"])) for s in CELL["shafts"]]
    head = GaugeHead(theirs, gauge_stream(shafts), CELL["gauge_interval_s"])
    head.start()
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="planner") as pool:
        cell = Cell(CELL, pool, GaugeLink(ours))
        asyncio.run(run_cell(cell, shafts))
    head.join()
    ours.close()
    theirs.close()
    for s in shafts:
        print(f"{s.serial}: removed {s.removed_um:.1f} um, readings {[round(r, 3) for r in s.readings]}")
    print(f"parts {cell.parts_done}, wheel wear {cell.wheel_wear_mm:.2f} mm, {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
