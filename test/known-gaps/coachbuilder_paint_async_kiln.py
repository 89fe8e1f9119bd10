"""Varnish-stoving kiln controller for a coachbuilder's paint shop (asyncio).

The controller reads the thermocouple over a local socket, watches the kiln
door over a second (non-blocking) socket, books drying racks from worker
threads and charts the viscosity curve in a worker thread.
"""
import asyncio
import logging
import os
import socket
import struct
import tempfile
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("paintshop.kiln")

KILN = {
    "setpoint_c": 60.0,
    "curve_points": 250_000,
    "settle_s": 0.02,
    "chart_flush_s": 0.005,
    "readings": 5,
}


@dataclass
class Batch:
    name: str
    panels: int
    rack: int


@dataclass
class RackBoard:
    free_racks: set = field(default_factory=lambda: set(range(1, 7)))
    booked: dict = field(default_factory=dict)

    def reserve_rack(self, batch):
        if batch.rack in self.free_racks:  # expect: GIL003
            time.sleep(0.002)
            self.free_racks.discard(batch.rack)
            self.booked[batch.rack] = batch.name
            return True
        return False


def viscosity_curve(points, temp_c):
    """Andrade-style viscosity fall-off, tabulated in pure Python."""
    table = []
    a, b = 0.0021, 1850.0
    for i in range(points):  # expect: GIL001
        t = temp_c + (i % 400) * 0.05 + 273.15
        table.append(a * (2.718281828 ** (b / t)) / 1000.0)
    return min(table), max(table)


def flush_chart(path, rows, flush_s):
    with open(path, "a", encoding="utf-8") as fh:
        for row in rows:
            fh.write(",".join(str(x) for x in row) + "\n")
    time.sleep(flush_s)  # ok: GIL004
    return os.path.getsize(path)


def thermocouple_feeder(sock, readings, gap):
    for i in range(readings):  # ok: GIL001
        sock.sendall(struct.pack("!d", 55.0 + i * 1.25))
        time.sleep(gap)


class KilnController:
    def __init__(self, workdir, **config):
        self.config = dict(KILN, **config)
        self.chart_path = os.path.join(workdir, "kiln_chart.csv")
        self.tc_rx, self.tc_tx = socket.socketpair()
        self.door_rx, self.door_tx = socket.socketpair()
        self.door_rx.setblocking(False)
        self.temps = []
        self.racks = RackBoard()

    async def read_thermocouple(self):
        raw = self.tc_rx.recv(8)  # expect: GIL004
        (temp,) = struct.unpack("!d", raw)
        self.temps.append(temp)
        return temp

    async def settle_varnish(self):
        log.debug("letting the varnish flow out")
        time.sleep(self.config["settle_s"])  # expect: GIL004

    async def watch_door(self):
        loop = asyncio.get_running_loop()
        data = await loop.sock_recv(self.door_rx, 16)  # ok: GIL004
        return data.decode()

    async def book_racks(self, batches):
        jobs = [asyncio.to_thread(self.racks.reserve_rack, b) for b in batches]
        return await asyncio.gather(*jobs)

    async def run(self, batches):
        feeder = threading.Thread(
            target=thermocouple_feeder,
            args=(self.tc_tx, self.config["readings"], 0.004),
            name="thermocouple",
        )
        feeder.start()
        curve_job = asyncio.create_task(
            asyncio.to_thread(viscosity_curve, self.config["curve_points"], self.config["setpoint_c"]))
        booked = await self.book_racks(batches)
        for _ in range(self.config["readings"]):
            await self.read_thermocouple()
        await self.settle_varnish()
        self.door_tx.sendall(b"door-closed")
        door = await self.watch_door()
        low, high = await curve_job
        rows = [(i, t) for i, t in enumerate(self.temps)]
        size = await asyncio.to_thread(flush_chart, self.chart_path, rows, self.config["chart_flush_s"])
        feeder.join()
        return booked, door, (low, high), size

    def close(self):
        for s in (self.tc_rx, self.tc_tx, self.door_rx, self.door_tx):
            s.close()


async def main(workdir):
    ctl = KilnController(workdir)
    batches = [Batch("LNWR doors", 4, 1), Batch("GWR panels", 6, 2), Batch("MR roof", 2, 2), Batch("crests", 9, 3)]
    start = time.perf_counter()
    try:
        booked, door, (low, high), size = await ctl.run(batches)
    finally:
        ctl.close()
    print(f"racks booked = {sum(booked)} of {len(batches)} requests; board = {dict(sorted(ctl.racks.booked.items()))}")
    print(f"free racks left = {sorted(ctl.racks.free_racks)}")
    print(f"thermocouple readings = {ctl.temps}")
    print(f"door: {door}; viscosity {low:.4f}..{high:.4f} Pa.s; chart {size} bytes")
    print(f"elapsed {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(main(tmp))
