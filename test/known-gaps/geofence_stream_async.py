"""Geofence alerting: asyncio ingest of a device telemetry stream.

A radio gateway thread writes newline-delimited position frames into a local
socket (``socket.socketpair`` stands in for the gateway link). The asyncio side
decodes frames, checks circular fences, and persists alerts through the default
executor. A second link carries the gateway's control channel (heartbeats).
"""
from __future__ import annotations

import asyncio
import json
import logging
import math
import socket
import threading
import time
from dataclasses import dataclass
from typing import Dict, List, Tuple

log = logging.getLogger("geofence.stream")

FENCES: Dict[str, Tuple[float, float, float]] = {
    "yard": (10.0, 10.0, 3.0),
    "port": (40.0, 25.0, 7.0),
    "customs": (70.0, 60.0, 4.0),
}


@dataclass
class Position:
    device: str
    x: float
    y: float
    seq: int


class GatewaySimulator:
    """Plays the radio gateway: writes frames at a fixed cadence from its own thread."""

    def __init__(self, sock: socket.socket, frames: int, period_s: float) -> None:
        self.sock = sock
        self.frames = frames
        self.period_s = period_s
        self.thread = threading.Thread(target=self._pump, name="gateway", daemon=True)

    def _pump(self) -> None:
        for seq in range(self.frames):  # ok: GIL001
            angle = seq / 10.0
            frame = {"device": f"dev-{seq % 4}", "x": 34 + 6 * math.cos(angle),
                     "y": 25 + 6 * math.sin(angle), "seq": seq}
            self.sock.sendall((json.dumps(frame) + "\n").encode())
            time.sleep(self.period_s)
        self.sock.sendall(b"EOF\n")


class FrameReader:
    """Line framing over a blocking socket (written for the old threaded ingest)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._buf = b""

    def read_frame(self) -> bytes:
        while b"\n" not in self._buf:
            chunk = self.sock.recv(4096)  # expect: GIL004
            if not chunk:
                return b""
            self._buf += chunk
        line, self._buf = self._buf.split(b"\n", 1)
        return line


def persist_alerts(batch: List[str], sink: List[str]) -> None:
    """Blocking write to the alerts store; runs in the default executor."""
    time.sleep(0.005)  # ok: GIL004
    sink.extend(batch)


def check_fences(pos: Position) -> List[str]:
    hits = []
    for name, (cx, cy, r) in FENCES.items():
        if math.hypot(pos.x - cx, pos.y - cy) <= r:
            hits.append(f"{pos.device}@{name}#{pos.seq}")
    return hits


async def ingest(reader: FrameReader, sink: List[str], flush_every: int = 10) -> int:
    loop = asyncio.get_running_loop()
    pending: List[str] = []
    frames = 0
    while True:
        raw = reader.read_frame()
        if not raw or raw == b"EOF":
            break
        pos = Position(**json.loads(raw))
        frames += 1
        pending.extend(check_fences(pos))
        if len(pending) >= flush_every:
            batch, pending = pending, []
            await loop.run_in_executor(None, persist_alerts, batch, sink)
        await asyncio.sleep(0)
    if pending:
        await loop.run_in_executor(None, persist_alerts, pending, sink)
    return frames


async def control_channel(sock: socket.socket, beats: int) -> int:
    """Heartbeats from the gateway's control link, read the non-blocking way."""
    loop = asyncio.get_running_loop()
    sock.setblocking(False)
    seen = 0
    while seen < beats:
        data = await loop.sock_recv(sock, 64)  # ok: GIL004
        if not data:
            break
        seen += data.count(b"\n")
    return seen


def heartbeat_sender(sock: socket.socket, beats: int) -> None:
    for _ in range(beats):
        sock.sendall(b"hb\n")
        time.sleep(0.01)


async def amain() -> None:
    data_rx, data_tx = socket.socketpair()
    ctl_rx, ctl_tx = socket.socketpair()
    gateway = GatewaySimulator(data_tx, frames=60, period_s=0.002)
    hb_thread = threading.Thread(target=heartbeat_sender, args=(ctl_tx, 5), name="hb")
    gateway.thread.start()
    hb_thread.start()
    sink: List[str] = []
    try:
        frames, beats = await asyncio.gather(ingest(FrameReader(data_rx), sink),
                                             control_channel(ctl_rx, 5))
    finally:
        gateway.thread.join()
        hb_thread.join()
        for s in (data_rx, data_tx, ctl_rx, ctl_tx):
            s.close()
    print(f"frames ingested: {frames}, fence alerts persisted: {len(sink)}, heartbeats: {beats}")
    print("first alerts:", sink[:3])


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(amain())
