"""Async ETA front end for the rider app.

Requests arrive on the event loop. Pickup ETAs come from a pure-Python grid
router (offloaded with ``asyncio.to_thread``), the traffic factor from a legacy
synchronous client, and live driver positions from the telemetry socket.
"""
import asyncio
import functools
import json
import logging
import socket
import time
from dataclasses import dataclass

log = logging.getLogger("eta")

GRID = 60           # city modelled as a GRID x GRID block grid
BLOCK_KM = 0.25


@dataclass(frozen=True)
class EtaQuery:
    rider_id: str
    pickup: tuple
    candidates: tuple


def block_cost(x, y):
    # arterial roads every 6 blocks are faster
    return 0.6 if x % 6 == 0 or y % 6 == 0 else 1.0


def grid_minutes(a, b, speed_kmh=28.0):
    (x0, y0), (x1, y1) = a, b
    minutes = 0.0
    step_x = 1 if x1 >= x0 else -1
    step_y = 1 if y1 >= y0 else -1
    for x in range(x0, x1, step_x):
        minutes += block_cost(x, y0)
    for y in range(y0, y1, step_y):
        minutes += block_cost(x1, y)
    return minutes * BLOCK_KM / speed_kmh * 60


def build_eta_matrix(origins, destinations):
    matrix = []
    for o in origins:  # expect: GIL001
        matrix.append([grid_minutes(o, d) for d in destinations])
    return matrix


def geocode_blocking(address):
    """Old geocoder SDK: synchronous HTTP under the hood (run off the loop)."""
    time.sleep(0.03)  # ok: GIL004
    h = sum(map(ord, address))
    return (h % GRID, (h // GRID) % GRID)


class TrafficClient:
    """Synchronous client of the traffic service (no async variant exists)."""

    def __init__(self, latency=0.02):
        self.latency = latency

    def _fetch(self, segment):
        time.sleep(self.latency)  # expect: GIL004
        return 1.0 + (hash(segment) % 7) / 20

    def factor(self, pickup):
        return self._fetch(f"seg-{pickup[0] // 10}-{pickup[1] // 10}")


class TelemetryFeed:
    """Driver positions pushed by the telematics gateway over a local socket."""

    def __init__(self):
        self.gateway, self.sock = socket.socketpair()

    def publish(self, positions):
        self.gateway.sendall(json.dumps(positions).encode() + b"\n")

    def read_blocking(self):
        buf = b""
        while not buf.endswith(b"\n"):
            buf += self.sock.recv(4096)  # expect: GIL004
        return json.loads(buf)

    async def read(self):
        loop = asyncio.get_running_loop()
        self.sock.setblocking(False)
        try:
            buf = b""
            while not buf.endswith(b"\n"):
                buf += await loop.sock_recv(self.sock, 4096)  # ok: GIL004
            return json.loads(buf)
        finally:
            self.sock.setblocking(True)

    def close(self):
        self.gateway.close()
        self.sock.close()


class EtaService:
    def __init__(self, traffic, feed):
        self.traffic = traffic
        self.feed = feed

    async def handle(self, query, address=None):
        if address is not None:
            query = EtaQuery(query.rider_id, await asyncio.to_thread(geocode_blocking, address),
                             query.candidates)
        factor = self.traffic.factor(query.pickup)      # sync client on the loop
        etas = await asyncio.to_thread(build_eta_matrix, [query.pickup], list(query.candidates))
        best = min(etas[0]) * factor
        await asyncio.sleep(0.01)  # ok: GIL004
        return query.rider_id, round(best, 2)

    async def refresh_positions(self, legacy=False):
        if legacy:
            return self.feed.read_blocking()
        return await self.feed.read()


async def serve(n_riders=6):
    feed = TelemetryFeed()
    service = EtaService(TrafficClient(), feed)
    try:
        feed.publish({"drv1": [3, 4], "drv2": [40, 41]})
        positions = await service.refresh_positions(legacy=True)
        feed.publish({"drv3": [10, 50]})
        positions.update(await service.refresh_positions())
        candidates = tuple(tuple(p) for p in positions.values())
        candidates += tuple((i, (i * 7) % GRID) for i in range(0, GRID, 1))
        # a fleet-wide matrix for the dashboard, computed alongside the rider queries
        dashboard = asyncio.to_thread(build_eta_matrix,
                                      [((i * 7) % GRID, (i * 11) % GRID) for i in range(GRID * 5)],
                                      list(candidates))
        queries = [EtaQuery(f"rider{i}", ((i * 13) % GRID, (i * 29) % GRID), candidates)
                   for i in range(n_riders)]
        handlers = [functools.partial(service.handle, q) for q in queries]
        handlers.append(functools.partial(service.handle, queries[0], address="221B Baker St"))
        results = await asyncio.gather(dashboard, *(h() for h in handlers))
        return results[0], results[1:]
    finally:
        feed.close()


def main():
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    started = time.perf_counter()
    matrix, etas = asyncio.run(serve())
    for rider, eta in etas:
        log.info("%s pickup in %.1f min", rider, eta)
    log.info("dashboard matrix %dx%d, %.2fs total", len(matrix), len(matrix[0]),
             time.perf_counter() - started)


if __name__ == "__main__":
    main()
