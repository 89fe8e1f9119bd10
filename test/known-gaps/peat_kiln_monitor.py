"""Peat briquette kiln monitor.

Thermocouple threads stream readings over local socket pairs; an asyncio
controller reads them, keeps a rolling profile and moves the flue damper.  An
old draught gauge is still read through its blocking socket.
"""
from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Deque, Dict, List

log = logging.getLogger("peat.kiln")

KILN = {
    "zones": ("firebox", "drying_bed", "flue"),
    "readings_per_zone": 12,
    "sample_period_s": 0.004,
    "gauge_readings": 3,
    "damper_range": (0, 100),
}


class DamperJam(RuntimeError):
    pass


@dataclass
class ZoneProfile:
    zone: str
    window: Deque[float] = field(default_factory=lambda: deque(maxlen=5))

    @property
    def mean(self) -> float:
        return sum(self.window) / len(self.window) if self.window else 0.0


class FlueDamper:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.position = 50
        self.moves: List[int] = []

    def _actuate(self, position: int) -> None:
        low, high = KILN["damper_range"]
        if not low <= position <= high:
            raise DamperJam(f"damper cannot reach {position}")
        time.sleep(0.001)  # motor travel
        self.moves.append(position)

    def set_position(self, position: int) -> int:
        self._lock.acquire()  # expect: GIL005
        self._actuate(position)
        self.position = position
        self._lock.release()
        return position

    def calibrate(self) -> None:
        self._lock.acquire()  # ok: GIL005
        try:
            for stop in KILN["damper_range"]:
                self._actuate(stop)
            self._actuate(self.position)
        finally:
            self._lock.release()


def thermocouple(zone: str, sock: socket.socket, count: int, period: float, base: float) -> None:
    try:
        for i in range(count):  # ok: GIL001
            frame = {"zone": zone, "seq": i, "temp_c": base + 3.5 * i}
            sock.sendall((json.dumps(frame) + "\n").encode())
            time.sleep(period)  # ok: GIL004
    finally:
        sock.close()


def draught_gauge(sock: socket.socket, count: int) -> None:
    for i in range(count):
        sock.sendall(f"{-12.0 - i:.1f}".encode().ljust(16))
        time.sleep(0.01)


class KilnController:
    def __init__(self, damper: FlueDamper, **limits) -> None:
        self.damper = damper
        self.limits = {"flue_max_c": 180.0, **limits}
        self.profiles: Dict[str, ZoneProfile] = {z: ZoneProfile(z) for z in KILN["zones"]}
        self.frames = 0

    async def follow_zone(self, sock: socket.socket) -> None:
        loop = asyncio.get_running_loop()
        buffer = b""
        while True:
            chunk = await loop.sock_recv(sock, 256)  # ok: GIL004
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                await self.on_frame(json.loads(line))

    async def on_frame(self, frame: dict) -> None:
        self.frames += 1  # ok: GIL002
        profile = self.profiles[frame["zone"]]
        profile.window.append(frame["temp_c"])
        if frame["zone"] == "flue" and profile.mean > self.limits["flue_max_c"]:
            target = max(KILN["damper_range"][0], self.damper.position - 10)
            await asyncio.to_thread(self.damper.set_position, target)

    async def read_draught(self, sock: socket.socket, count: int) -> List[float]:
        values = []
        for _ in range(count):
            raw = sock.recv(16)  # expect: GIL004
            values.append(float(raw.decode().strip()))
            await asyncio.sleep(0)
        return values


async def run_kiln() -> KilnController:
    damper = FlueDamper()
    await asyncio.to_thread(damper.calibrate)
    controller = KilnController(damper, flue_max_c=160.0)
    threads, readers = [], []
    for idx, zone in enumerate(KILN["zones"]):
        rsock, wsock = socket.socketpair()
        rsock.setblocking(False)
        readers.append(rsock)
        t = threading.Thread(target=thermocouple, name=f"tc-{zone}",
                             args=(zone, wsock, KILN["readings_per_zone"], KILN["sample_period_s"]),
                             kwargs={"base": 120.0 + 20 * idx})
        threads.append(t)
    gauge_r, gauge_w = socket.socketpair()
    threads.append(threading.Thread(target=draught_gauge, args=(gauge_w, KILN["gauge_readings"]), name="gauge"))
    for t in threads:
        t.start()
    draught = await controller.read_draught(gauge_r, KILN["gauge_readings"])
    await asyncio.gather(*(controller.follow_zone(s) for s in readers))
    for t in threads:
        t.join()
    for s in readers + [gauge_r, gauge_w]:
        s.close()
    log.info("draught readings %s", draught)
    return controller


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    started = time.perf_counter()
    controller = asyncio.run(run_kiln())
    means = {z: round(p.mean, 1) for z, p in controller.profiles.items()}
    print(f"{controller.frames} frames, zone means {means}, damper at {controller.damper.position} "
          f"after {len(controller.damper.moves)} moves ({time.perf_counter() - started:.2f}s)")


if __name__ == "__main__":
    main()
