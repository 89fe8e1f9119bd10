"""Async trap-round dispatcher: coroutines survey granaries while a gateway thread relays trap sensors."""
from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("ratcatcher.async")

GRANARIES = ("north barn", "mill loft", "river store", "tithe barn")
SENSOR_DELAY = 0.004


@dataclass
class SensorReading:
    granary: str
    trap: int
    sprung: bool

    def encode(self) -> bytes:
        return (json.dumps({"g": self.granary, "t": self.trap, "s": self.sprung}) + "\n").encode()

    @classmethod
    def decode(cls, line: str) -> "SensorReading":
        raw = json.loads(line)
        return cls(raw["g"], raw["t"], raw["s"])


class SensorGateway(threading.Thread):
    """Relays readings from the trap radios onto a local socket."""

    def __init__(self, sock: socket.socket, readings, *, pause: float = SENSOR_DELAY):
        super().__init__(name="gateway", daemon=True)
        self._sock = sock
        self._readings = list(readings)
        self._pause = pause

    def run(self) -> None:
        for reading in self._readings:  # ok: GIL001
            self._sock.sendall(reading.encode())
            time.sleep(self._pause)
        self._sock.shutdown(socket.SHUT_WR)


def load_trap_log(path: str) -> dict:
    """Synchronous helper used by the surveyors (reads the paper log from the loft share)."""
    time.sleep(0.005)  # expect: GIL004
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def archive_round(path: str, summary: dict) -> str:
    """Runs in a worker thread via asyncio.to_thread."""
    time.sleep(0.005)  # ok: GIL004
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(summary, fh)
    return path


@dataclass
class Dispatcher:
    workdir: str
    visits: int = 0
    reports: dict = field(default_factory=dict)
    sprung: dict = field(default_factory=dict)

    def _log_path(self, granary: str) -> str:
        return os.path.join(self.workdir, granary.replace(" ", "_") + ".json")

    async def survey(self, granary: str) -> dict:
        paper = load_trap_log(self._log_path(granary))
        await asyncio.sleep(0.002)  # ok: GIL004
        self.visits += 1  # ok: GIL002
        if granary not in self.reports:  # ok: GIL003
            self.reports[granary] = {"granary": granary, "paper_traps": len(paper["traps"])}
        return self.reports[granary]

    async def listen(self, sock: socket.socket) -> int:
        loop = asyncio.get_running_loop()
        buffer = b""
        count = 0
        while True:
            chunk = await loop.sock_recv(sock, 4096)
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                reading = SensorReading.decode(line.decode())
                if reading.sprung:
                    self.sprung.setdefault(reading.granary, []).append(reading.trap)
                count += 1
        return count

    async def archive(self) -> list[str]:
        jobs = []
        for granary, report in sorted(self.reports.items()):
            summary = dict(report, sprung=self.sprung.get(granary, []))
            target = os.path.join(self.workdir, "archive-" + granary.replace(" ", "_") + ".json")
            jobs.append(asyncio.to_thread(archive_round, target, summary))
        return await asyncio.gather(*jobs)


def seed_logs(workdir: str) -> None:
    for index, granary in enumerate(GRANARIES):
        path = os.path.join(workdir, granary.replace(" ", "_") + ".json")
        with open(path, "w", encoding="utf-8") as fh:
            json.dump({"granary": granary, "traps": list(range(3 + index))}, fh)


def make_readings():
    for round_no in range(3):
        for trap in range(4):
            for granary in GRANARIES:
                yield SensorReading(granary, trap, sprung=(trap + round_no) % 3 == 0)


async def main(workdir: str) -> None:
    dispatcher = Dispatcher(workdir)
    loop_side, gateway_side = socket.socketpair()
    loop_side.setblocking(False)
    gateway = SensorGateway(gateway_side, make_readings())
    gateway.start()
    try:
        surveys = [dispatcher.survey(g) for g in GRANARIES for _ in range(2)]
        received, *_ = await asyncio.gather(dispatcher.listen(loop_side), *surveys)
        archived = await dispatcher.archive()
    finally:
        await asyncio.to_thread(gateway.join, 1.0)
        loop_side.close()
        gateway_side.close()
    print(f"visits={dispatcher.visits} readings={received} archived={len(archived)}")
    for granary in GRANARIES:
        print(f"  {granary:12s} sprung traps {dispatcher.sprung.get(granary, [])}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="rounds-") as tmp:
        seed_logs(tmp)
        started = time.perf_counter()
        asyncio.run(main(tmp))
        print(f"done in {time.perf_counter() - started:.2f}s")
