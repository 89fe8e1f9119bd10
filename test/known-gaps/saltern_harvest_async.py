"""Saltern harvest telemetry gateway (asyncio).

Pan controllers stream line-based readings over a socket; the gateway parses
them on the event loop, posts harvest tonnage to a tally board and archives the
day's report in a worker thread.  The rake calibration comes from an old serial
bridge exposed as a second socket.
"""
from __future__ import annotations

import asyncio
import logging
import os
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("saltern.harvest")

GATEWAY = {
    "pans": ("P1", "P2", "P3", "P4"),
    "readings_per_pan": 6,
    "send_gap_s": 0.002,
}


@dataclass
class Reading:
    pan: str
    tonnes: float
    moisture: float

    @classmethod
    def parse(cls, line: str) -> "Reading":
        pan, tonnes, moisture = line.split(",")
        return cls(pan, float(tonnes), float(moisture))


@dataclass
class TallyBoard:
    rows: list = field(default_factory=list)
    by_pan: dict = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def post(self, reading: Reading) -> bool:
        self._lock.acquire()  # expect: GIL005
        if reading.moisture > 0.12:
            log.warning("pan %s too wet (%.2f), not posted", reading.pan, reading.moisture)
            return False
        self.rows.append(reading)
        self.by_pan[reading.pan] = round(self.by_pan.get(reading.pan, 0.0) + reading.tonnes, 3)  # ok: GIL002
        self._lock.release()
        return True


def pan_controller(sock: socket.socket, pans: tuple[str, ...], count: int, gap: float) -> None:
    """Stands in for the PLCs in the field: writes CSV lines, then hangs up."""
    try:
        for n in range(count):
            for pan in pans:
                sock.sendall(f"{pan},{1.5 + n * 0.25:.2f},{0.04 + n * 0.01:.2f}\n".encode())
            time.sleep(gap)
    finally:
        sock.shutdown(socket.SHUT_WR)
        sock.close()


def archive_report(path: str, text: str) -> int:
    with open(path, "w", encoding="utf-8") as fh:
        written = fh.write(text)
    time.sleep(0.01)  # ok: GIL004
    return written


class Gateway:
    def __init__(self, stream: socket.socket, bridge: socket.socket, board: TallyBoard):
        self.stream = stream
        self.bridge = bridge
        self.board = board
        self.lines = 0

    async def read_calibration(self) -> float:
        raw = self.bridge.recv(64)  # expect: GIL004
        return float(raw.decode().strip() or "1.0")

    async def _lines(self):
        loop = asyncio.get_running_loop()
        buffer = b""
        while True:
            chunk = await loop.sock_recv(self.stream, 4096)  # ok: GIL004
            if not chunk:
                break
            buffer += chunk
            *complete, buffer = buffer.split(b"\n")
            for raw in complete:
                yield raw.decode()

    async def pump(self) -> int:
        factor = await self.read_calibration()
        async for line in self._lines():
            reading = Reading.parse(line)
            reading.tonnes *= factor
            self.board.post(reading)
            self.lines += 1
        return self.lines


def open_links() -> tuple[socket.socket, socket.socket, socket.socket, socket.socket]:
    """Wire up the field stream and the serial bridge before the loop starts."""
    stream_in, stream_out = socket.socketpair()
    bridge_in, bridge_out = socket.socketpair()
    stream_in.setblocking(False)
    bridge_out.sendall(b"0.985\n")  # the bridge announces its calibration on connect
    return stream_in, stream_out, bridge_in, bridge_out


async def main(config: dict, workdir: str) -> None:
    stream_in, stream_out, bridge_in, bridge_out = open_links()
    board = TallyBoard()
    gateway = Gateway(stream_in, bridge_in, board)
    field_side = threading.Thread(
        target=pan_controller,
        args=(stream_out, config["pans"], config["readings_per_pan"], config["send_gap_s"]),
        name="plc-sim",
    )
    started = time.perf_counter()
    field_side.start()
    try:
        lines = await gateway.pump()
    finally:
        await asyncio.to_thread(field_side.join)
        for s in (stream_in, bridge_in, bridge_out):
            s.close()
    report = "\n".join(f"{pan}: {t:.3f} t" for pan, t in sorted(board.by_pan.items()))
    written = await asyncio.to_thread(archive_report, os.path.join(workdir, "harvest.txt"), report)
    print(f"lines={lines} posted={len(board.rows)} archived={written}B "
          f"elapsed={time.perf_counter() - started:.2f}s")
    print(report)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    with tempfile.TemporaryDirectory(prefix="saltern-") as tmp:
        asyncio.run(main(GATEWAY, tmp))
