"""Async acquisition from two lab spectrometers plus off-loop peak integration.

The XRF analyser and the ICP-OES stream JSON frames over local sockets (socketpair; the
instruments are simulated by threads).  Frames are merged into spectra, calibrated, and the
peak areas integrated in the loop's default executor.
"""
from __future__ import annotations

import asyncio
import functools
import json
import logging
import math
import socket
import threading
import time

log = logging.getLogger("assayer.spectro")

CALIBRATION_JSON = json.dumps({"lines": {"Au": 0.412, "Ag": 0.338, "Cu": 0.254, "Pb": 0.188}})
ACQ = {"frames": 6, "channels": 1024, "frame_gap_s": 0.002}
INTEGRATION = {"smoothing_passes": 600, "window": 9}


class CalibrationError(ValueError):
    pass


class CalibrationStore:
    def __init__(self):
        self._lock = threading.Lock()
        self._table: dict = {}

    def load(self, text: str) -> None:
        self._lock.acquire()  # expect: GIL005
        table = json.loads(text)
        if "lines" not in table:
            raise CalibrationError("calibration file has no emission lines")
        self._table = table
        self._lock.release()

    def lookup(self, element: str) -> float:
        if not self._lock.acquire(timeout=1.0):  # ok: GIL005
            raise TimeoutError("calibration table is busy")
        try:
            return self._table["lines"].get(element, 0.0)
        finally:
            self._lock.release()


class SimulatedInstrument:
    def __init__(self, name: str, sock: socket.socket, channels: int):
        self.name = name
        self.sock = sock
        self.channels = channels

    def serve(self, *, frames: int, frame_gap_s: float) -> None:
        centre = 40 + 55 * (self.name == "ICP")
        for f in range(frames):
            counts = [int(1000 * math.exp(-((c - centre - f) / 6.0) ** 2)) + (c % 7) for c in range(self.channels)]
            self.sock.sendall(json.dumps({"src": self.name, "frame": f, "counts": counts}).encode() + b"\n")
            time.sleep(frame_gap_s)  # ok: GIL004
        self.sock.shutdown(socket.SHUT_WR)


class XrfLink:
    """Legacy driver: reads the socket in blocking mode."""

    def __init__(self, sock: socket.socket):
        self.sock = sock

    async def frames(self):
        pending = b""
        while True:
            chunk = self.sock.recv(65536)  # expect: GIL004
            if not chunk:
                break
            pending += chunk
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                yield json.loads(line)
            await asyncio.sleep(0)


class IcpLink:
    """Newer driver: non-blocking socket read through the event loop."""

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.sock.setblocking(False)

    async def frames(self):
        loop = asyncio.get_running_loop()
        pending = b""
        while True:
            chunk = await loop.sock_recv(self.sock, 65536)  # ok: GIL004
            if not chunk:
                break
            pending += chunk
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                yield json.loads(line)


def integrate_peaks(spectrum: list[int], store: CalibrationStore, *, smoothing_passes: int, window: int,
                    element: str = "Au") -> dict:
    """Repeated moving-average smoothing, then the area above baseline around the maximum."""
    data = [float(v) for v in spectrum]
    n = len(data)
    for _pass in range(smoothing_passes):  # expect: GIL001
        smoothed = data[:]
        for i in range(1, n - 1):
            smoothed[i] = (data[i - 1] + 2.0 * data[i] + data[i + 1]) * 0.25
        data = smoothed
    peak = max(range(n), key=data.__getitem__)
    lo, hi = max(0, peak - window), min(n, peak + window + 1)
    baseline = min(data[lo:hi])
    area = sum(v - baseline for v in data[lo:hi])
    return {"element": element, "peak": peak, "area": area, "ppm": area * store.lookup(element)}


async def collect(link) -> list[int]:
    totals: list[int] = []
    async for frame in link.frames():
        if not totals:
            totals = [0] * len(frame["counts"])
        totals = [a + b for a, b in zip(totals, frame["counts"])]
    return totals


async def main_async(xrf_host: socket.socket, icp_host: socket.socket, store: CalibrationStore) -> list[dict]:
    icp_spectrum, xrf_spectrum = await asyncio.gather(collect(IcpLink(icp_host)), collect(XrfLink(xrf_host)))
    loop = asyncio.get_running_loop()
    jobs = [loop.run_in_executor(None, functools.partial(integrate_peaks, spec, store, element=el, **INTEGRATION))
            for spec, el in ((xrf_spectrum, "Au"), (icp_spectrum, "Ag"))]
    return list(await asyncio.gather(*jobs))


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    store = CalibrationStore()
    store.load(CALIBRATION_JSON)
    xrf_host, xrf_dev = socket.socketpair()
    icp_host, icp_dev = socket.socketpair()
    simulators = [SimulatedInstrument("XRF", xrf_dev, ACQ["channels"]),
                  SimulatedInstrument("ICP", icp_dev, ACQ["channels"])]
    threads = [threading.Thread(target=s.serve, kwargs={"frames": ACQ["frames"], "frame_gap_s": ACQ["frame_gap_s"]},
                                name=f"sim-{s.name}") for s in simulators]
    for t in threads:
        t.start()
    try:
        results = asyncio.run(main_async(xrf_host, icp_host, store))
    finally:
        for t in threads:
            t.join()
        for s in (xrf_host, xrf_dev, icp_host, icp_dev):
            s.close()
    for result in results:
        print(f"{result['element']}: peak at channel {result['peak']}, area {result['area']:.1f}, "
              f"{result['ppm']:.2f} ppm")
    print(f"elapsed = {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
