"""Reefer-truck telemetry gateway (asyncio) for the vaccine cold chain.

Trucks push temperature frames; the gateway batches them, persists batches off-loop and
uploads summaries to the cloud through an async retry decorator.  Two threading.Timers run
beside the loop: a heartbeat to the depot and a firmware-image CRC check before an OTA push.
"""
from __future__ import annotations

import asyncio
import functools
import json
import logging
import os
import random
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("gateway")

CFG = {"batch_size": 16, "upload_backoff_s": 0.002, "firmware_kib": 400, "heartbeats": 3}


def _crc_table() -> list[int]:
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
        table.append(c)
    return table


CRC_TABLE = _crc_table()


def async_retry(attempts: int, backoff_s: float):
    def decorate(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(attempts):
                try:
                    return await fn(*args, **kwargs)
                except ConnectionError as exc:
                    log.warning("upload failed (%s), attempt %d", exc, attempt + 1)
                    time.sleep(backoff_s * (attempt + 1))  # expect: GIL004
            raise ConnectionError(f"gave up after {attempts} attempts")
        return wrapper
    return decorate


@dataclass
class Frame:
    truck: str
    seq: int
    celsius: float


@dataclass
class Batch:
    truck: str
    frames: list = field(default_factory=list)

    @property
    def worst(self) -> float:
        return max(f.celsius for f in self.frames)


def persist_batch(directory: str, batch: Batch) -> str:
    path = os.path.join(directory, f"{batch.truck}-{batch.frames[0].seq:05d}.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump([f.__dict__ for f in batch.frames], fh)
    time.sleep(0.002)  # ok: GIL004
    return path


class FirmwareCheck:
    def __init__(self, image: bytes, expected: int | None = None) -> None:
        self.image = image
        self.expected = expected
        self.crc: int | None = None

    def verify(self) -> None:
        crc = 0xFFFFFFFF
        table = CRC_TABLE
        for byte in self.image:  # expect: GIL001
            crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
        self.crc = crc ^ 0xFFFFFFFF


def send_heartbeats(sock: socket.socket, count: int, gap_s: float) -> None:
    for beat in range(count):  # ok: GIL001
        sock.sendall(f"HB {beat} {time.time():.3f}\n".encode())
        time.sleep(gap_s)


class Gateway:
    def __init__(self, spool_dir: str, cfg: dict) -> None:
        self.spool_dir = spool_dir
        self.cfg = cfg
        self.uploaded: list[dict] = []
        self.spooled: list[str] = []
        self._failures = iter([True])

    @async_retry(attempts=3, backoff_s=CFG["upload_backoff_s"])
    async def upload(self, summary: dict) -> None:
        await asyncio.sleep(0.001)  # ok: GIL004
        if next(self._failures, False):
            raise ConnectionError("cloud 503")
        self.uploaded.append(summary)

    async def handle_truck(self, truck: str, frames: list[Frame]) -> None:
        batch = Batch(truck)
        for frame in frames:
            batch.frames.append(frame)
            if len(batch.frames) == self.cfg["batch_size"]:
                path = await asyncio.to_thread(persist_batch, self.spool_dir, batch)
                self.spooled.append(path)
                await self.upload({"truck": truck, "worst": batch.worst, "n": len(batch.frames)})
                batch = Batch(truck)


async def main() -> None:
    rng = random.Random(17)
    trucks = {f"reefer-{i}": [Frame(f"reefer-{i}", s, rng.gauss(5.0, 1.2)) for s in range(48)]
              for i in range(3)}
    fw = FirmwareCheck(os.urandom(CFG["firmware_kib"] * 1024))
    depot, depot_peer = socket.socketpair()
    timers = [
        threading.Timer(0.005, fw.verify),
        threading.Timer(0.0, send_heartbeats, args=(depot, CFG["heartbeats"], 0.005)),
    ]
    for t in timers:
        t.start()
    with tempfile.TemporaryDirectory(prefix="spool-") as tmp:
        gw = Gateway(tmp, CFG)
        started = time.perf_counter()
        await asyncio.gather(*(gw.handle_truck(name, frames) for name, frames in trucks.items()))
        elapsed = time.perf_counter() - started
        spooled = len(os.listdir(tmp))
    for t in timers:
        await asyncio.to_thread(t.join)
    depot.close()
    raw = await asyncio.to_thread(depot_peer.recv, 4096)  # ok: GIL004
    beats = raw.decode().count("HB")
    depot_peer.close()
    print(f"uploaded {len(gw.uploaded)} summaries, spooled {spooled} files in {elapsed:.2f}s")
    print(f"firmware crc32 = {fw.crc:#010x}, heartbeats received = {beats}")


if __name__ == "__main__":
    asyncio.run(main())
