"""Wood turning shop: an asyncio monitor for lathe chucks.

A sensor thread streams jaw-pressure readings over a local socket pair; the event loop watches
them, calibrates the probe, and sends the heavy blank-balancing arithmetic to the default
executor. Jaw registrations are recorded under a lock with a timeout.
"""
import asyncio
import logging
import math
import socket
import struct
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("turner.chuck")
logging.basicConfig(level=logging.WARNING)

MONITOR = {
    "readings": 12,
    "reading_gap_s": 0.003,
    "balance_rings": 300,
    "balance_sectors": 360,
}


@dataclass
class Chuck:
    name: str
    jaws: int
    readings: list = field(default_factory=list)

    def describe(self) -> str:
        return f"{self.name} ({self.jaws} jaws)"


class ScrollChuck(Chuck):
    def __init__(self, name: str, jaws: int = 4, scroll_pitch_mm: float = 1.5):
        super().__init__(name, jaws)
        self.scroll_pitch_mm = scroll_pitch_mm

    def describe(self) -> str:
        return super().describe() + f", scroll pitch {self.scroll_pitch_mm} mm"


class JawRegistry:
    def __init__(self):
        self._lock = threading.Lock()
        self.registered: dict = {}

    def register(self, chuck: Chuck, jaw_set: str) -> bool:
        if not self._lock.acquire(timeout=0.2):  # ok: GIL005
            log.warning("registry busy, skipping %s", chuck.name)
            return False
        try:
            self.registered.setdefault(chuck.name, []).append(jaw_set)
            return True
        finally:
            self._lock.release()


def sensor_feed(sock: socket.socket, count: int, gap: float) -> None:
    for i in range(count):
        sock.sendall(struct.pack("!d", 40.0 + 2.5 * math.sin(i / 2)))
        time.sleep(gap)
    sock.shutdown(socket.SHUT_WR)


def balance_blank(rings: int, sectors: int, density_seed: int) -> tuple:
    """Centre of mass of an uneven blank, integrated ring by ring."""
    mx = my = mass = 0.0
    for r in range(1, rings + 1):  # expect: GIL001
        for s in range(sectors):
            angle = 2 * math.pi * s / sectors
            density = 0.6 + ((r * 13 + s * 7 + density_seed) % 11) / 100
            m = density * r
            mx += m * r * math.cos(angle)
            my += m * r * math.sin(angle)
            mass += m
    return mx / mass, my / mass


class ChuckMonitor:
    def __init__(self, chuck: Chuck, rx: socket.socket, probe: socket.socket, registry: JawRegistry, **cfg):
        self.chuck = chuck
        self._rx = rx
        self._probe = probe
        self.registry = registry
        self.cfg = cfg
        self.offset = 0.0

    async def calibrate(self) -> float:
        raw = self._probe.recv(8)  # expect: GIL004
        (self.offset,) = struct.unpack("!d", raw)
        return self.offset

    async def watch(self) -> list:
        loop = asyncio.get_running_loop()
        buf = b""
        while True:
            data = await loop.sock_recv(self._rx, 64)  # ok: GIL004
            if not data:
                break
            buf += data
            while len(buf) >= 8:
                (value,) = struct.unpack("!d", buf[:8])
                buf = buf[8:]
                self.chuck.readings.append(round(value - self.offset, 3))
        return self.chuck.readings

    async def balance(self) -> tuple:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            None, balance_blank, self.cfg["balance_rings"], self.cfg["balance_sectors"], 5
        )

    async def register_jaws(self, jaw_set: str) -> bool:
        return await asyncio.to_thread(self.registry.register, self.chuck, jaw_set)


async def main() -> None:
    rx, tx = socket.socketpair()
    probe_rx, probe_tx = socket.socketpair()
    rx.setblocking(False)
    probe_tx.sendall(struct.pack("!d", 0.25))
    chuck = ScrollChuck("Oneway Talon", jaws=4)
    monitor = ChuckMonitor(chuck, rx, probe_rx, JawRegistry(), **MONITOR)
    feeder = threading.Thread(
        target=sensor_feed, args=(tx, MONITOR["readings"], MONITOR["reading_gap_s"]), name="sensor"
    )
    start = time.perf_counter()
    offset = await monitor.calibrate()
    feeder.start()
    readings, centre, ok_a, ok_b = await asyncio.gather(
        monitor.watch(), monitor.balance(), monitor.register_jaws("dovetail 50mm"),
        monitor.register_jaws("pin jaws 35mm"),
    )
    await asyncio.to_thread(feeder.join)
    for s in (rx, tx, probe_rx, probe_tx):
        s.close()
    print(chuck.describe())
    print(f"probe offset {offset}; {len(readings)} readings, first {readings[:3]}")
    print(f"blank centre of mass offset: ({centre[0]:.4f}, {centre[1]:.4f}) mm")
    print(f"jaw sets registered: {monitor.registry.registered} ({ok_a and ok_b})")
    print(f"monitor ran {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
