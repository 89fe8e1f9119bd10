"""AVL (automatic vehicle location) feed ingestion for the arrival predictor.

Two depots stream newline-delimited GPS pings over TCP.  One reader thread
per depot parses pings into a shared vehicle table; buses that change depot
mid-shift show up on both feeds.  A small asyncio side-channel polls the
stop-sign controllers for their "bus at stop" beacons.
"""
import asyncio
import logging
import socket
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("avl")


@dataclass
class Ping:
    vehicle: str
    lat: float
    lon: float
    ts: float

    @classmethod
    def parse(cls, line):
        vehicle, lat, lon, ts = line.split(",")
        return cls(vehicle, float(lat), float(lon), float(ts))


@dataclass
class VehicleTrack:
    vehicle: str
    pings: list = field(default_factory=list)

    def add(self, ping):
        self.pings.append(ping)


class FleetTable:
    """Shared by both readers."""

    def __init__(self):
        self.vehicles = {}
        self.pings = 0
        self.bad_lines = 0

    def ingest(self, ping):
        if ping.vehicle not in self.vehicles:  # expect: GIL003
            self.vehicles[ping.vehicle] = VehicleTrack(ping.vehicle)
        self.vehicles[ping.vehicle].add(ping)
        self.pings += 1  # expect: GIL002


class FeedReader(threading.Thread):
    def __init__(self, depot, sock, table):
        super().__init__(name=f"reader-{depot}")
        self.depot = depot
        self.sock = sock
        self.table = table

    def lines(self):
        buf = b""
        while True:  # ok: GIL001
            chunk = self.sock.recv(4096)
            if not chunk:
                break
            buf += chunk
            *complete, buf = buf.split(b"\n")
            yield from complete

    def run(self):
        for raw in self.lines():  # ok: GIL001
            try:
                self.table.ingest(Ping.parse(raw.decode()))
            except ValueError:
                self.table.bad_lines += 1  # expect: GIL002
        self.sock.close()


def depot_feed(sock, depot, vehicles, rounds=40, period=0.002):
    """Stands in for the depot's AVL gateway."""
    for r in range(rounds):  # ok: GIL001
        batch = []
        for v in vehicles:
            batch.append(f"{v},{37.7 + r * 1e-4:.5f},{-122.4 - r * 1e-4:.5f},{time.time():.3f}")
        if r % 13 == 0:
            batch.append("garbled-line")
        sock.sendall(("\n".join(batch) + "\n").encode())
        time.sleep(period)
    sock.shutdown(socket.SHUT_WR)
    sock.close()


def start_depot(depot, vehicles, table):
    gateway_end, reader_end = socket.socketpair()
    reader = FeedReader(depot, reader_end, table)
    feeder = threading.Thread(target=depot_feed, args=(gateway_end, depot, vehicles), name=f"gw-{depot}")
    reader.start()
    feeder.start()
    return reader, feeder


async def poll_beacons(controller_sock, expected):
    """Beacons arrive as fixed 16-byte frames: stop id + vehicle id."""
    seen = []
    while len(seen) < expected:
        frame = controller_sock.recv(16)  # expect: GIL004
        seen.append(frame.decode().strip())
        await asyncio.sleep(0)
    return seen


async def poll_beacons_nonblocking(controller_sock, expected):
    loop = asyncio.get_running_loop()
    seen = []
    while len(seen) < expected:
        frame = await loop.sock_recv(controller_sock, 16)  # ok: GIL004
        seen.append(frame.decode().strip())
    return seen


async def beacon_check():
    legacy_tx, legacy_rx = socket.socketpair()
    modern_tx, modern_rx = socket.socketpair()
    modern_rx.setblocking(False)
    frames = [f"S{n:03d}:V{n % 7:02d}".ljust(16).encode() for n in range(6)]
    legacy_tx.sendall(b"".join(frames))
    modern_tx.sendall(b"".join(frames))
    try:
        return await asyncio.gather(poll_beacons(legacy_rx, 6), poll_beacons_nonblocking(modern_rx, 6))
    finally:
        for s in (legacy_tx, legacy_rx, modern_tx, modern_rx):
            s.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    table = FleetTable()
    t0 = time.perf_counter()
    north = start_depot("north", [f"bus{n}" for n in range(0, 30)], table)
    south = start_depot("south", [f"bus{n}" for n in range(20, 50)], table)
    for t in (*north, *south):
        t.join()
    log.info("ingested %d pings for %d vehicles (%d bad lines) in %.2fs",
             table.pings, len(table.vehicles), table.bad_lines, time.perf_counter() - t0)
    shared = [v for v, tr in table.vehicles.items() if len(tr.pings) > 40]
    log.info("%d buses reported by both depots", len(shared))
    legacy, modern = asyncio.run(beacon_check())
    log.info("beacons legacy=%s modern=%s match=%s", legacy[:2], modern[:2], legacy == modern)
