"""Async dispatcher for a chimney-sweep crew.

Crews are coroutines on one event loop.  Draft-pressure sensors are threads
that stream frames over local socket pairs; one gauge reads its socket the
asyncio way, the legacy gauge still reads with a plain recv().  Vacuum runs are
pushed to worker threads, and the shift report is written by an executor.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import os
import socket
import struct
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("sweep.dispatch")

SETTINGS = {
    "crews": 3,
    "flues_per_crew": 2,
    "brush_settle_s": 0.01,
    "vacuum_s": 0.02,
    "sensor_period_s": 0.004,
    "readings": 16,
    "sample": 6,
}

READING = struct.Struct("!If")


def traced(fn):
    """Log how long a synchronous step took."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            log.debug("%s took %.1f ms", fn.__name__, (time.perf_counter() - t0) * 1000)
    return wrapper


@traced
def settle_brush(seconds: float) -> None:
    """Let the soot settle before the brush is pulled back down."""
    time.sleep(seconds)  # expect: GIL004


def vacuum_cycle(flue: str, *, seconds: float, passes: int = 2) -> str:
    for _ in range(passes):
        time.sleep(seconds / passes)  # ok: GIL004
    return f"{flue}: vacuumed in {passes} passes"


def write_report(path: str, lines: list[str]) -> int:
    with open(path, "w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(line + "\n")
    return os.path.getsize(path)


class DraftSensor(threading.Thread):
    def __init__(self, name: str, sock: socket.socket, readings: int, period: float,
                 **kwargs) -> None:
        super().__init__(name=name, daemon=True, **kwargs)
        self.sock = sock
        self.readings = readings
        self.period = period

    def run(self) -> None:
        for k in range(self.readings):  # ok: GIL001
            pressure = 12.5 + (k % 7) * 0.25
            self.sock.sendall(READING.pack(k, pressure))
            time.sleep(self.period)  # ok: GIL004
        self.sock.shutdown(socket.SHUT_WR)


@dataclass
class FlueReport:
    flue: str
    crew: int
    notes: list[str] = field(default_factory=list)


class Gauge:
    """Decodes draft-pressure frames from a byte stream."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._buf = b""

    def _frames(self):
        while len(self._buf) >= READING.size:
            frame, self._buf = self._buf[:READING.size], self._buf[READING.size:]
            yield READING.unpack(frame)

    async def sample(self, count: int) -> list[tuple[int, float]]:
        raise NotImplementedError


class LegacyGauge(Gauge):
    async def sample(self, count: int) -> list[tuple[int, float]]:
        out: list[tuple[int, float]] = []
        while len(out) < count:
            chunk = self.sock.recv(256)  # expect: GIL004
            if not chunk:
                break
            self._buf += chunk
            out.extend(self._frames())
        return out


class AsyncGauge(Gauge):
    def __init__(self, sock: socket.socket, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(sock)
        sock.setblocking(False)
        self.loop = loop

    async def sample(self, count: int) -> list[tuple[int, float]]:
        out: list[tuple[int, float]] = []
        while len(out) < count:
            chunk = await self.loop.sock_recv(self.sock, 256)  # ok: GIL004
            if not chunk:
                break
            self._buf += chunk  # ok: GIL002
            out.extend(self._frames())
        return out


class Dispatcher:
    def __init__(self, settings: dict, gauges: dict[str, Gauge]) -> None:
        self.settings = settings
        self.gauges = gauges
        self.reports: list[FlueReport] = []

    async def sweep_flue(self, crew: int, flue: str) -> FlueReport:
        report = FlueReport(flue, crew)
        await asyncio.sleep(0.005)  # ok: GIL004
        settle_brush(self.settings["brush_settle_s"])
        opts = {"seconds": self.settings["vacuum_s"]}
        report.notes.append(await asyncio.to_thread(vacuum_cycle, flue, **opts))
        self.reports.append(report)
        return report

    async def crew_shift(self, crew: int) -> int:
        for k in range(self.settings["flues_per_crew"]):
            await self.sweep_flue(crew, f"flue-{crew}-{k}")
        return crew

    async def monitor(self) -> dict[str, float]:
        averages = {}
        for name, gauge in self.gauges.items():
            frames = await gauge.sample(self.settings["sample"])
            averages[name] = sum(p for _, p in frames) / max(len(frames), 1)
        return averages


async def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    loop = asyncio.get_running_loop()
    fast_rx, fast_tx = socket.socketpair()
    old_rx, old_tx = socket.socketpair()
    sensors = [
        DraftSensor("sensor-fast", fast_tx, SETTINGS["readings"], SETTINGS["sensor_period_s"]),
        DraftSensor("sensor-old", old_tx, SETTINGS["readings"], SETTINGS["sensor_period_s"]),
    ]
    for sensor in sensors:
        sensor.start()
    dispatcher = Dispatcher(SETTINGS, {"fast": AsyncGauge(fast_rx, loop),
                                       "legacy": LegacyGauge(old_rx)})
    started = time.perf_counter()
    averages, *_ = await asyncio.gather(
        dispatcher.monitor(),
        *(dispatcher.crew_shift(c) for c in range(SETTINGS["crews"])),
    )
    lines = [f"{r.flue} crew={r.crew} {'; '.join(r.notes)}" for r in dispatcher.reports]
    lines += [f"draft[{k}] = {v:.2f} Pa" for k, v in averages.items()]
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max_workers=1) as pool:
        size = await loop.run_in_executor(
            pool, functools.partial(write_report, os.path.join(tmp, "shift.txt"), lines))
    for sensor in sensors:
        sensor.join(timeout=1.0)
    for sock in (fast_rx, fast_tx, old_rx, old_tx):
        sock.close()
    print(f"{len(dispatcher.reports)} flues swept, report {size} bytes, "
          f"{time.perf_counter() - started:.2f}s")
    for line in lines[-2:]:
        print(line)


if __name__ == "__main__":
    asyncio.run(main())
