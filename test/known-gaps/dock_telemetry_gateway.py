"""Bike-share dock balancing: the telemetry gateway.

Docks report their fill level as JSON lines over a socket. Modern docks are read by a
coroutine with loop.sock_recv on a non-blocking socket; the legacy kiosk link is still read
with a plain blocking recv inside a coroutine. A firmware thread pushes per-dock settings.
"""
from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time
from dataclasses import dataclass
from typing import Dict, Iterator, List

log = logging.getLogger("bikeshare.telemetry")

TELEMETRY_CONFIG = {
    "modern": ["union-sq", "civic-ctr", "ferry-bldg"],
    "legacy": ["pier-39", "mission-16"],
    "reports_per_dock": 8,
    "report_gap_s": 0.003,
    "firmware": {"union-sq": {"max_bikes": 30, "lock_timeout_s": 45},
                 "pier-39": {"max_bikes": 20, "lock_timeout_s": 30}},
}


@dataclass(frozen=True)
class DockReading:
    station_id: str
    bikes: int
    capacity: int
    seq: int

    @property
    def needs_truck(self) -> bool:
        return self.bikes <= 2 or self.capacity - self.bikes <= 2


class FrameDecoder:
    def __init__(self) -> None:
        self._buf = b""

    def feed(self, data: bytes) -> Iterator[DockReading]:
        self._buf += data
        *lines, self._buf = self._buf.split(b"\n")
        for line in lines:
            if line:
                yield DockReading(**json.loads(line))


def encode_config(station_id: str, settings: Dict[str, int]) -> bytes:
    if not 0 < settings.get("max_bikes", 0) <= 60:
        raise ValueError(f"bad max_bikes for {station_id}: {settings}")
    return json.dumps({"station_id": station_id, **settings}, sort_keys=True).encode()


class Gateway:
    def __init__(self, cfg: dict) -> None:
        self.cfg = cfg
        self.latest: Dict[str, DockReading] = {}
        self.alerts: List[str] = []
        self.pushed: List[bytes] = []
        self._push_lock = threading.Lock()

    def _accept(self, reading: DockReading) -> None:
        prev = self.latest.get(reading.station_id)
        if prev is None or reading.seq > prev.seq:  # ok: GIL003
            self.latest[reading.station_id] = reading
        if reading.needs_truck:
            self.alerts.append(f"{reading.station_id}@{reading.seq}")

    async def read_modern(self, sock: socket.socket) -> int:
        loop = asyncio.get_running_loop()
        decoder, frames = FrameDecoder(), 0
        while True:
            data = await loop.sock_recv(sock, 4096)  # ok: GIL004
            if not data:
                break
            for reading in decoder.feed(data):
                self._accept(reading)
                frames += 1
        sock.close()
        return frames

    async def read_legacy(self, sock: socket.socket) -> int:
        decoder, frames = FrameDecoder(), 0
        while True:
            data = sock.recv(4096)  # expect: GIL004
            if not data:
                break
            for reading in decoder.feed(data):
                self._accept(reading)
                frames += 1
            await asyncio.sleep(0)
        sock.close()
        return frames

    def push_config(self, station_id: str, settings: Dict[str, int]) -> None:
        self._push_lock.acquire()  # expect: GIL005
        frame = encode_config(station_id, settings)
        self.pushed.append(frame)
        self._push_lock.release()

    def rollback(self, station_id: str) -> int:
        self._push_lock.acquire()  # ok: GIL005
        try:
            before = len(self.pushed)
            self.pushed = [f for f in self.pushed if json.loads(f)["station_id"] != station_id]
            return before - len(self.pushed)
        finally:
            self._push_lock.release()

    def firmware_worker(self, plan: Dict[str, Dict[str, int]], pause: float) -> None:
        for station_id, settings in plan.items():  # ok: GIL001
            self.push_config(station_id, settings)
            time.sleep(pause)  # ok: GIL004
        self.rollback("pier-39")


def dock_emulator(sock: socket.socket, stations: List[str], reports: int, gap: float) -> None:
    for seq in range(reports):  # ok: GIL001
        for i, sid in enumerate(stations):
            reading = {"station_id": sid, "bikes": (seq * 3 + i * 5) % 21, "capacity": 20, "seq": seq}
            sock.sendall(json.dumps(reading).encode() + b"\n")
        time.sleep(gap)
    sock.shutdown(socket.SHUT_WR)
    sock.close()


async def run_gateway(cfg: dict) -> Gateway:
    gw = Gateway(cfg)
    modern_gw, modern_dock = socket.socketpair()
    legacy_gw, legacy_dock = socket.socketpair()
    modern_gw.setblocking(False)

    workers = [
        threading.Thread(target=dock_emulator, name="emu-modern",
                         args=(modern_dock, cfg["modern"], cfg["reports_per_dock"], cfg["report_gap_s"])),
        threading.Thread(target=dock_emulator, name="emu-legacy",
                         args=(legacy_dock, cfg["legacy"], cfg["reports_per_dock"], cfg["report_gap_s"])),
        threading.Thread(target=gw.firmware_worker, name="firmware",
                         kwargs={"plan": cfg["firmware"], "pause": 0.005}),
    ]
    for w in workers:
        w.start()
    counts = await asyncio.gather(gw.read_modern(modern_gw), gw.read_legacy(legacy_gw))
    for w in workers:
        await asyncio.to_thread(w.join)
    log.info("frames per link: %s", counts)
    return gw


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    gw = asyncio.run(run_gateway(TELEMETRY_CONFIG))
    print(f"docks seen: {sorted(gw.latest)}")
    print(f"alerts: {len(gw.alerts)} first={gw.alerts[:3]}")
    print(f"pushed configs: {[json.loads(f)['station_id'] for f in gw.pushed]}")
    print(f"done in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
