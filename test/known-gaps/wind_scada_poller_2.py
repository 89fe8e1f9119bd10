"""Async SCADA poller for drivetrain vibration frames.

A gateway simulator thread streams binary vibration frames over a local socket pair.
The asyncio poller reads each frame without blocking the loop, hands the spectrum
computation to the default executor, archives a summary through a worker thread,
and throttles itself between frames.
"""
from __future__ import annotations

import asyncio
import functools
import json
import logging
import math
import os
import socket
import struct
import tempfile
import threading
import time
from dataclasses import asdict, dataclass

log = logging.getLogger("windfarm.scada")

HEADER = struct.Struct("!HI")
POLLER_CONFIG = {
    "bins": 120,
    "samples_per_frame": 2048,
    "frames": 5,
    "poll_pause_s": 0.004,
    "gateway_gap_s": 0.003,
}


@dataclass
class FrameSummary:
    turbine: int
    samples: int
    peak_bin: int
    peak_magnitude: float
    received_at: float


def async_timed(fn):
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return await fn(*args, **kwargs)
        finally:
            log.info("%s finished in %.1f ms", fn.__name__, (time.perf_counter() - start) * 1000)
    return wrapper


def vibration_spectrum(samples, bins=32):
    """Naive DFT magnitudes for the first `bins` frequency bins."""
    n = len(samples)
    mean = sum(samples) / n
    centred = [s - mean for s in samples]
    magnitudes = []
    for k in range(1, bins + 1):  # expect: GIL001
        re = im = 0.0
        step = 2.0 * math.pi * k / n
        for i, value in enumerate(centred):
            angle = step * i
            re += value * math.cos(angle)
            im -= value * math.sin(angle)
        magnitudes.append(math.hypot(re, im) / n)
    return magnitudes


def archive_summary(path: str, summary: dict) -> None:
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(summary) + "\n")
        fh.flush()
    time.sleep(0.002)  # ok: GIL004


def encode_frame(turbine: int, count: int) -> bytes:
    values = [math.sin(2 * math.pi * (5 + turbine) * i / count) + 0.1 * math.sin(i * 0.37)
              for i in range(count)]
    return HEADER.pack(turbine, count) + struct.pack(f"!{count}d", *values)


class GatewaySimulator:
    """Pushes pre-encoded frames to the poller, pausing between frames."""

    def __init__(self, sock: socket.socket, frames, **opts):
        self._sock = sock
        self._frames = list(frames)
        self._gap = opts.get("gap_s", 0.005)
        self.runner = threading.Thread(target=self._pump, name="gateway", daemon=True)

    def _pump(self):
        for frame in self._frames:  # ok: GIL001
            self._sock.sendall(frame)
            time.sleep(self._gap)  # ok: GIL004
        self._sock.shutdown(socket.SHUT_WR)


class ScadaPoller:
    def __init__(self, sock: socket.socket, archive_path: str, cfg: dict):
        sock.setblocking(False)
        self.sock = sock
        self.archive_path = archive_path
        self.cfg = cfg
        self.frames_seen = 0
        self.peaks = {}

    async def _recv_exact(self, loop, n: int) -> bytes:
        buf = bytearray()
        while len(buf) < n:
            chunk = await loop.sock_recv(self.sock, n - len(buf))  # ok: GIL004
            if not chunk:
                break
            buf += chunk
        return bytes(buf)

    def _throttle(self):
        pause = self.cfg.get("poll_pause_s", 0)
        if pause:
            time.sleep(pause)  # expect: GIL004

    @async_timed
    async def poll(self):
        loop = asyncio.get_running_loop()
        while True:
            header = await self._recv_exact(loop, HEADER.size)
            if len(header) < HEADER.size:
                break
            turbine, count = HEADER.unpack(header)
            payload = await self._recv_exact(loop, count * 8)
            samples = struct.unpack(f"!{count}d", payload)
            self.frames_seen += 1  # ok: GIL002
            spectrum = await loop.run_in_executor(
                None, functools.partial(vibration_spectrum, samples, bins=self.cfg["bins"]))
            peak = max(range(len(spectrum)), key=spectrum.__getitem__)
            summary = FrameSummary(turbine, count, peak + 1, round(spectrum[peak], 4), time.time())
            self.peaks[turbine] = summary.peak_bin
            await asyncio.to_thread(archive_summary, self.archive_path, asdict(summary))
            self._throttle()


async def run_poller(cfg: dict, workdir: str) -> ScadaPoller:
    gateway_sock, poller_sock = socket.socketpair()
    frames = [encode_frame(turbine, cfg["samples_per_frame"]) for turbine in range(1, cfg["frames"] + 1)]
    gateway = GatewaySimulator(gateway_sock, frames, gap_s=cfg["gateway_gap_s"])
    poller = ScadaPoller(poller_sock, os.path.join(workdir, "vibration.jsonl"), cfg)
    gateway.runner.start()
    try:
        await poller.poll()
    finally:
        gateway.runner.join(timeout=2)
        gateway_sock.close()
        poller_sock.close()
    return poller


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    with tempfile.TemporaryDirectory() as workdir:
        poller = asyncio.run(run_poller(POLLER_CONFIG, workdir))
        with open(poller.archive_path, encoding="utf-8") as fh:
            archived = [json.loads(line) for line in fh]
    print(f"frames polled: {poller.frames_seen}, archived: {len(archived)}")
    for turbine, peak in sorted(poller.peaks.items()):
        print(f"  turbine {turbine}: dominant bin {peak}")


if __name__ == "__main__":
    main()
