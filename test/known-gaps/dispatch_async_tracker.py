"""Live courier tracker for the dispatch dashboard.

Courier phones stream GPS pings (JSON lines) over sockets.  The tracker ingests
them on an asyncio event loop, keeps the latest position per courier, records
geofence arrivals (restaurant pick-up zones) and periodically writes a snapshot
of all positions for the map tiles service.
"""
import asyncio
import json
import logging
import math
import os
import random
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("tracker")

TRACKER_CONFIG = {
    "couriers": 4,
    "pings": 12,
    "interval": 0.004,
    "fsync_delay": 0.002,
    "snapshot_every": 0.015,
}

GEOFENCES = {"noodle-bar": (2.0, 2.0, 2.0), "pizza-hub": (7.0, 3.0, 2.0), "taqueria": (5.0, 8.0, 2.0)}


@dataclass
class Ping:
    courier_id: str
    seq: int
    x: float
    y: float

    @classmethod
    def from_json(cls, raw: bytes) -> "Ping":
        return cls(**json.loads(raw))


@dataclass
class IngestStats:
    pings: int = 0
    arrivals: int = 0
    per_courier: dict = field(default_factory=dict)


class SnapshotWriter:
    """Writes position snapshots atomically; used from executor threads."""

    def __init__(self, directory: str):
        self.directory = directory
        self.written = 0
        self._closed = False
        self._lock = threading.Lock()

    def write_snapshot(self, positions: dict) -> bool:
        self._lock.acquire()  # expect: GIL005
        if self._closed:
            return False
        path = os.path.join(self.directory, "positions.json")
        with open(path + ".tmp", "w") as fh:
            json.dump(positions, fh)
        os.replace(path + ".tmp", path)
        self.written += 1
        self._lock.release()
        return True

    def close(self) -> None:
        with self._lock:
            self._closed = True


class LocationTracker:
    def __init__(self, stats: IngestStats, arrivals_path: str, **cfg):
        self.stats = stats
        self.positions: dict = {}
        self._arrivals_path = arrivals_path
        self._fsync_delay = cfg["fsync_delay"]

    async def consume(self, reader: asyncio.StreamReader) -> None:
        while True:
            line = await reader.readline()
            if not line:
                break
            ping = Ping.from_json(line)
            self.stats.pings += 1  # ok: GIL002
            self.stats.per_courier[ping.courier_id] = ping.seq
            await self._record(ping)

    async def _record(self, ping: Ping) -> None:
        self.positions[ping.courier_id] = (round(ping.x, 3), round(ping.y, 3))
        place = self._geofence(ping)
        if place is not None:
            await self._persist_arrival(ping, place)

    @staticmethod
    def _geofence(ping: Ping):
        for name, (cx, cy, radius) in GEOFENCES.items():
            if math.hypot(ping.x - cx, ping.y - cy) <= radius:
                return name
        return None

    async def _persist_arrival(self, ping: Ping, place: str) -> None:
        with open(self._arrivals_path, "a") as fh:
            fh.write(f"{ping.courier_id} {place} {ping.seq}\n")
            fh.flush()
            time.sleep(self._fsync_delay)  # expect: GIL004
        self.stats.arrivals += 1


def courier_phone(sock: socket.socket, courier_id: str, pings: int, interval: float, seed: int) -> None:
    rng = random.Random(seed)
    x, y = rng.uniform(0, 9), rng.uniform(0, 9)
    with sock:
        for seq in range(pings):  # ok: GIL001
            x = min(9.5, max(0.5, x + rng.uniform(-0.8, 0.8)))
            y = min(9.5, max(0.5, y + rng.uniform(-0.8, 0.8)))
            payload = {"courier_id": courier_id, "seq": seq, "x": x, "y": y}
            sock.sendall(json.dumps(payload).encode() + b"\n")
            time.sleep(interval)  # ok: GIL004


async def snapshot_loop(tracker: LocationTracker, writer: SnapshotWriter, every: float, done: asyncio.Event):
    loop = asyncio.get_running_loop()
    while not done.is_set():
        await asyncio.sleep(every)
        if tracker.positions:
            await loop.run_in_executor(None, writer.write_snapshot, dict(tracker.positions))


async def main(cfg: dict) -> None:
    workdir = tempfile.mkdtemp(prefix="tracker-")
    stats = IngestStats()
    tracker = LocationTracker(stats, os.path.join(workdir, "arrivals.log"), **cfg)
    writer = SnapshotWriter(workdir)
    phones, consumers = [], []
    for k in range(cfg["couriers"]):
        ours, theirs = socket.socketpair()
        phone = threading.Thread(target=courier_phone, name=f"phone-{k}",
                                 args=(theirs, f"courier-{k}", cfg["pings"], cfg["interval"], k))
        phones.append(phone)
        reader, _writer = await asyncio.open_connection(sock=ours)
        consumers.append((reader, _writer))
    for phone in phones:
        phone.start()

    done = asyncio.Event()
    snapshots = asyncio.create_task(snapshot_loop(tracker, writer, cfg["snapshot_every"], done))
    await asyncio.gather(*(tracker.consume(reader) for reader, _ in consumers))
    done.set()
    await snapshots
    await asyncio.get_running_loop().run_in_executor(None, writer.write_snapshot, dict(tracker.positions))
    writer.close()
    for _, w in consumers:
        w.close()
    for phone in phones:
        phone.join()

    with open(os.path.join(workdir, "positions.json")) as fh:
        final = json.load(fh)
    print(f"pings={stats.pings} arrivals={stats.arrivals} snapshots={writer.written}")
    print(f"last seq per courier {stats.per_courier}; couriers on map {len(final)}")
    for name in os.listdir(workdir):
        os.remove(os.path.join(workdir, name))
    os.rmdir(workdir)


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main(TRACKER_CONFIG))
