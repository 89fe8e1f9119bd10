"""Async ingest of realtime vehicle-position batches.

A feed relay thread pushes length-prefixed CSV batches of vehicle positions over a
local socket. The asyncio ingester reads them with stream readers, stamps each batch
with the depot clock offset, decodes the batches on a thread pool (matching each
vehicle to its nearest stop), and persists the results from the same pool.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import math
import os
import socket
import struct
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Dict, List, Tuple

log = logging.getLogger("transit.ingest")

LENGTH = struct.Struct("!I")
STOPS: List[Tuple[str, float, float]] = [
    ("Centraal", 52.3791, 4.9003), ("Dam", 52.3731, 4.8926), ("Leidseplein", 52.3641, 4.8830),
    ("Museumplein", 52.3579, 4.8818), ("Waterlooplein", 52.3675, 4.9030), ("Sloterdijk", 52.3889, 4.8378),
]
STATS: Dict[str, int] = {"decoded": 0}


@dataclass
class VehicleFix:
    vehicle: str
    route: str
    lat: float
    lon: float
    nearest_stop: str
    distance_m: float


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12_742_000 * math.asin(math.sqrt(a))


def decode_batch(raw: bytes, stops=STOPS) -> List[VehicleFix]:
    fixes = []
    for line in raw.decode("ascii").splitlines():  # expect: GIL001
        vehicle, route, lat_s, lon_s = line.split(",")
        lat, lon = float(lat_s), float(lon_s)
        best, best_d = "", float("inf")
        for name, slat, slon in stops:
            d = haversine_m(lat, lon, slat, slon)
            if d < best_d:
                best, best_d = name, d
        fixes.append(VehicleFix(vehicle, route, lat, lon, best, round(best_d, 1)))
    STATS["decoded"] += len(fixes)  # expect: GIL002
    return fixes


def persist(path: str, fixes: List[VehicleFix]) -> int:
    with open(path, "a", encoding="utf-8") as fh:
        for fix in fixes[:50]:  # ok: GIL001
            fh.write(f"{fix.vehicle},{fix.route},{fix.nearest_stop},{fix.distance_m}\n")
    time.sleep(0.002)  # ok: GIL004
    return len(fixes)


def make_batch(batch_no: int, vehicles: int) -> bytes:
    rows = []
    for v in range(vehicles):
        lat = 52.355 + ((v * 7919 + batch_no * 104729) % 3500) / 100_000
        lon = 4.835 + ((v * 6151 + batch_no * 1299709) % 7000) / 100_000
        rows.append(f"bus-{v:04d},{(v % 40) + 1},{lat:.5f},{lon:.5f}")
    body = "\n".join(rows).encode("ascii")
    return LENGTH.pack(len(body)) + body


def feed_relay(sock: socket.socket, batches: List[bytes], gap_s: float) -> None:
    for batch in batches:  # ok: GIL001
        sock.sendall(batch)
        time.sleep(gap_s)
    sock.shutdown(socket.SHUT_WR)


class DepotClock:
    """The depot clock publishes 8-byte timestamps on a (blocking) socket."""

    def __init__(self, sock: socket.socket):
        self._sock = sock

    def offset_s(self) -> float:
        data = self._sock.recv(8)  # expect: GIL004
        (remote,) = struct.unpack("!d", data)
        return remote - time.time()


class Ingester:
    def __init__(self, clock: DepotClock, pool: ThreadPoolExecutor, out_path: str):
        self.clock = clock
        self.pool = pool
        self.out_path = out_path
        self.offsets: List[float] = []

    def _stamp(self, batch_no: int) -> float:
        offset = self.clock.offset_s()
        self.offsets.append(offset)
        return offset

    async def run(self, reader: asyncio.StreamReader) -> int:
        loop = asyncio.get_running_loop()
        raw_batches = []
        while True:
            try:
                header = await reader.readexactly(LENGTH.size)  # ok: GIL004
            except asyncio.IncompleteReadError:
                break
            (size,) = LENGTH.unpack(header)
            raw_batches.append(await reader.readexactly(size))
            self._stamp(len(raw_batches))
        decoded = await asyncio.gather(
            *(loop.run_in_executor(self.pool, decode_batch, raw) for raw in raw_batches))
        write = functools.partial(persist, self.out_path)
        counts = await asyncio.gather(*(loop.run_in_executor(self.pool, write, f) for f in decoded))
        return sum(counts)


async def ingest(config: dict, workdir: str) -> Tuple[int, Ingester]:
    relay_sock, ingest_sock = socket.socketpair()
    clock_tx, clock_rx = socket.socketpair()
    for _ in range(config["batches"]):
        clock_tx.sendall(struct.pack("!d", time.time() + 0.25))
    batches = [make_batch(n, config["vehicles"]) for n in range(config["batches"])]
    relay = threading.Thread(target=feed_relay, args=(relay_sock, batches, config["gap_s"]), name="relay")
    relay.start()
    with ThreadPoolExecutor(max_workers=config["workers"], thread_name_prefix="decode") as pool:
        reader, writer = await asyncio.open_connection(sock=ingest_sock)
        ingester = Ingester(DepotClock(clock_rx), pool, os.path.join(workdir, "fixes.csv"))
        total = await ingester.run(reader)
        writer.close()
        await writer.wait_closed()
    relay.join()
    for s in (relay_sock, clock_tx, clock_rx):
        s.close()
    return total, ingester


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    config = {"batches": 4, "vehicles": 7_000, "gap_s": 0.004, "workers": 2}
    with tempfile.TemporaryDirectory() as workdir:
        started = time.perf_counter()
        total, ingester = asyncio.run(ingest(config, workdir))
        elapsed = time.perf_counter() - started
    print(f"ingested {total} vehicle fixes in {elapsed:.2f}s (stats: {STATS})")
    print(f"depot clock offsets ~{sum(ingester.offsets) / len(ingester.offsets):.2f}s "
          f"over {len(ingester.offsets)} batches")


if __name__ == "__main__":
    main()
