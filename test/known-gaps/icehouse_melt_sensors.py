"""Icehouse melt-water monitoring.

Each drain sensor streams packed readings over a socket; one reader thread
per sensor decodes the stream and books melt water into the shared sump tank
model.  The tank exposes its level through a property that clamps it.
"""
from __future__ import annotations

import logging
import os
import socket
import struct
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterator, List, Optional

log = logging.getLogger("icehouse.melt")

READING = struct.Struct("!Id")  # sequence number, millilitres
SENSOR_CONFIG = [
    {"name": "north-drain", "readings": 40, "gap_s": 0.001, "ml": 12.5},
    {"name": "south-drain", "readings": 40, "gap_s": 0.001, "ml": 7.25},
    {"name": "cellar-drain", "readings": 30, "gap_s": 0.0015, "ml": 20.0},
]


class SumpTank:
    def __init__(self, capacity_ml: float, log_path: str) -> None:
        self.capacity_ml = capacity_ml
        self._level = 0.0
        self.total_melt = 0.0
        self.alarm_raised = False
        self.alarms: List[str] = []
        self.lock = threading.Lock()
        self._log_lock = threading.Lock()
        self._log_path = log_path

    @property
    def level(self) -> float:
        return self._level

    @level.setter
    def level(self, value: float) -> None:
        self._level = min(max(value, 0.0), self.capacity_ml)

    def write_log(self, line: str) -> None:
        self._log_lock.acquire()  # ok: GIL005
        try:
            with open(self._log_path, "a", encoding="utf-8") as fh:
                fh.write(line + "\n")
        finally:
            self._log_lock.release()


@dataclass
class Sensor:
    name: str
    readings: int
    gap_s: float
    ml: float


def sensor_stream(sensor: Sensor) -> Iterator[bytes]:
    for seq in range(sensor.readings):
        yield READING.pack(seq, sensor.ml * (1 + (seq % 5) / 10))


def transmit(sock: socket.socket, frames: Iterator[bytes], gap_s: float) -> None:
    try:
        for frame in frames:  # ok: GIL001
            sock.sendall(frame)
            time.sleep(gap_s)
    finally:
        sock.shutdown(socket.SHUT_WR)
        sock.close()


def decode_frames(sock: socket.socket) -> Iterator[tuple]:
    buf = b""
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            break
        buf += chunk
        while len(buf) >= READING.size:
            yield READING.unpack_from(buf)
            buf = buf[READING.size:]


class DrainReader:
    def __init__(self, name: str, sock: socket.socket, tank: SumpTank,
                 on_alarm: Optional[Callable[[str], None]] = None) -> None:
        self.name = name
        self.sock = sock
        self.tank = tank
        self.on_alarm = on_alarm or (lambda msg: None)
        self.frames = 0

    def __call__(self) -> None:
        for seq, ml in decode_frames(self.sock):  # ok: GIL001
            self.tank.level += ml  # expect: GIL002
            with self.tank.lock:
                self.tank.total_melt += ml  # ok: GIL002
            if self.tank.level > self.tank.capacity_ml * 0.5:
                self._raise_alarm(seq)
        self.sock.close()
        self.tank.write_log(f"{self.name} closed")

    def _raise_alarm(self, seq: int) -> None:
        if not self.tank.alarm_raised:  # expect: GIL003
            self.tank.alarm_raised = True
            msg = f"{self.name}: sump over half full at frame {seq}"
            self.tank.alarms.append(msg)
            self.on_alarm(msg)


def start_sensor(config: dict, tank: SumpTank, on_alarm: Callable[[str], None]) -> List[threading.Thread]:
    sensor = Sensor(**config)
    tx, rx = socket.socketpair()
    reader = DrainReader(sensor.name, rx, tank, on_alarm=on_alarm)
    threads = [
        threading.Thread(target=transmit, args=(tx, sensor_stream(sensor), sensor.gap_s), name=f"tx-{sensor.name}"),
        threading.Thread(target=reader, name=f"rx-{sensor.name}"),
    ]
    for t in threads:
        t.start()
    return threads


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="melt") as root:
        tank = SumpTank(capacity_ml=2_500.0, log_path=os.path.join(root, "sump.log"))
        heard: List[str] = []
        t0 = time.perf_counter()
        threads: List[threading.Thread] = []
        for cfg in SENSOR_CONFIG:
            threads += start_sensor(cfg, tank, heard.append)
        for t in threads:
            t.join()
        with open(os.path.join(root, "sump.log"), encoding="utf-8") as fh:
            closed = fh.read().count("closed")
    expected = sum(
        c["ml"] * (1 + (s % 5) / 10) for c in SENSOR_CONFIG for s in range(c["readings"])
    )
    print(f"total melt = {tank.total_melt:.2f} (expected {expected:.2f})")
    print(f"tank level = {tank.level:.2f} of {tank.capacity_ml:.0f}")
    print(f"alarms = {len(tank.alarms)} (expected 1); heard {len(heard)}")
    print(f"readers closed {closed}; elapsed {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
