"""Sap collection: an asyncio collector gathers tank-level readings from the pump stations.

Each pump station streams `station,litres` lines over a socket.  Three generations of the
station firmware are read three different ways by the collector.
"""
import asyncio
import logging
import socket
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("tapper.collector")

STATIONS = {
    "sugarbush-east": {"mode": "legacy", "readings": [410.0, 415.5, 421.0, 430.25]},
    "sugarbush-west": {"mode": "async", "readings": [220.0, 224.0, 229.5, 236.0, 240.0]},
    "roadside": {"mode": "threaded", "readings": [88.0, 91.5, 97.0]},
}
FEED_GAP_S = 0.004


@dataclass
class TankLevel:
    station: str
    litres: float
    seen: int = 0
    history: list = field(default_factory=list)


def feed_station(sock: socket.socket, station: str, readings: list, gap: float) -> None:
    """Simulated pump-station firmware: one line per reading, then hang up."""
    try:
        for litres in readings:  # ok: GIL001
            sock.sendall(f"{station},{litres}\n".encode())
            time.sleep(gap)
    finally:
        sock.close()


def parse_lines(buf: bytes) -> tuple[list[tuple[str, float]], bytes]:
    out = []
    while b"\n" in buf:
        line, buf = buf.split(b"\n", 1)
        station, litres = line.decode().split(",")
        out.append((station, float(litres)))
    return out, buf


def _drain_socket(sock: socket.socket) -> list[tuple[str, float]]:
    """Read a station to the end; used from a worker thread."""
    buf, out = b"", []
    while True:
        chunk = sock.recv(1024)  # ok: GIL004
        if not chunk:
            break
        lines, buf = parse_lines(buf + chunk)
        out.extend(lines)
    return out


class Collector:
    def __init__(self) -> None:
        self.latest: dict[str, TankLevel] = {}
        self.count = 0

    def ingest(self, station: str, litres: float) -> None:
        """Runs on the event loop only."""
        if station not in self.latest:  # ok: GIL003
            self.latest[station] = TankLevel(station, litres)
        level = self.latest[station]
        level.litres = litres
        level.history.append(litres)
        level.seen += 1
        self.count += 1  # ok: GIL002

    async def poll_legacy(self, sock: socket.socket) -> None:
        buf = b""
        while True:
            data = sock.recv(1024)  # expect: GIL004
            if not data:
                break
            lines, buf = parse_lines(buf + data)
            for station, litres in lines:
                self.ingest(station, litres)
            await asyncio.sleep(0)

    async def poll_async(self, sock: socket.socket) -> None:
        loop = asyncio.get_running_loop()
        sock.setblocking(False)
        buf = b""
        while True:
            data = await loop.sock_recv(sock, 1024)  # ok: GIL004
            if not data:
                break
            lines, buf = parse_lines(buf + data)
            for station, litres in lines:
                self.ingest(station, litres)

    async def poll_threaded(self, sock: socket.socket) -> None:
        loop = asyncio.get_running_loop()
        lines = await loop.run_in_executor(None, _drain_socket, sock)
        for station, litres in lines:
            self.ingest(station, litres)

    def poller_for(self, mode: str):
        return {"legacy": self.poll_legacy, "async": self.poll_async,
                "threaded": self.poll_threaded}[mode]


def open_stations(stations: dict, gap: float):
    socks, feeders = {}, []
    for name, spec in stations.items():
        ours, theirs = socket.socketpair()
        socks[name] = ours
        feeders.append(threading.Thread(target=feed_station, name=f"feed-{name}",
                                        args=(theirs, name, spec["readings"], gap)))
    return socks, feeders


async def collect(stations: dict, gap: float) -> Collector:
    collector = Collector()
    socks, feeders = open_stations(stations, gap)
    for f in feeders:
        f.start()
    try:
        await asyncio.gather(*(collector.poller_for(spec["mode"])(socks[name])
                               for name, spec in stations.items()))
    finally:
        for s in socks.values():
            s.close()
        await asyncio.to_thread(lambda: [f.join() for f in feeders])
    return collector


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    collector = asyncio.run(collect(STATIONS, FEED_GAP_S))
    expected = sum(len(s["readings"]) for s in STATIONS.values())
    print(f"readings = {collector.count} (expected {expected})")
    for name, level in sorted(collector.latest.items()):
        print(f"{name}: {level.litres:.1f} l after {level.seen} readings")
    print(f"collected in {time.perf_counter() - started:.3f}s")


if __name__ == "__main__":
    main()
