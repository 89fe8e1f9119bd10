"""Tannery: one monitor thread per tanning vat reads pH probes over a socket and posts alerts."""
from __future__ import annotations

import logging
import socket
import struct
import threading
import time
from collections import defaultdict
from typing import Callable

log = logging.getLogger("tanner.vats")

FRAME = struct.Struct("!If")  # sequence number, pH
PLANT = {
    "vats": ("lime-1", "chrome-1", "chrome-2", "bark-1"),
    "frames_per_vat": 30,
    "probe_gap_s": 0.001,
    "alert_below_ph": 3.2,
}


class VatBoard:
    """The big board on the tannery wall; every monitor thread writes to it."""

    def __init__(self, alert_below_ph: float):
        self.lock = threading.Lock()
        self.alert_below_ph = alert_below_ph
        self._readings = 0
        self.peak_ph = 0.0
        self.lowest_ph = 14.0
        self.history: dict[str, list[float]] = defaultdict(list)

    @property
    def readings(self) -> int:
        return self._readings

    @readings.setter
    def readings(self, value: int) -> None:
        self._readings = value


class AlertDesk:
    """Callback registry: handlers run on whichever monitor thread raised the alert."""

    def __init__(self):
        self._handlers: list[Callable[[str, float], None]] = []

    def register(self, handler: Callable[[str, float], None]) -> Callable[[str, float], None]:
        self._handlers.append(handler)
        return handler

    def raise_alert(self, vat: str, ph: float) -> None:
        for handler in self._handlers:
            handler(vat, ph)


def probe_hardware(sock: socket.socket, vat: str, frames: int, gap_s: float) -> None:
    """Simulated pH probe: pushes binary frames, then hangs up."""
    base = 2.9 if vat.startswith("chrome") else 12.0 if vat.startswith("lime") else 4.5
    for seq in range(frames):
        sock.sendall(FRAME.pack(seq, base + ((seq * 7) % 10) / 20.0))
        time.sleep(gap_s)
    sock.close()


class VatMonitor(threading.Thread):
    def __init__(self, vat: str, sock: socket.socket, board: VatBoard, desk: AlertDesk):
        super().__init__(name=f"monitor-{vat}")
        self.vat = vat
        self.sock = sock
        self.board = board
        self.desk = desk

    def frames(self):
        buffer = b""
        while True:  # ok: GIL001
            chunk = self.sock.recv(64)
            if not chunk:
                return
            buffer += chunk
            while len(buffer) >= FRAME.size:
                yield FRAME.unpack(buffer[:FRAME.size])
                buffer = buffer[FRAME.size:]

    def run(self) -> None:
        for _seq, ph in self.frames():  # ok: GIL001
            self.board.readings += 1  # expect: GIL002
            if ph > self.board.peak_ph:  # expect: GIL003
                self.board.peak_ph = ph
            with self.board.lock:
                self.board.history[self.vat].append(ph)
                if ph < self.board.lowest_ph:  # ok: GIL003
                    self.board.lowest_ph = ph
            if ph < self.board.alert_below_ph:
                self.desk.raise_alert(self.vat, ph)
        self.sock.close()


def build_plant(config: dict):
    board = VatBoard(config["alert_below_ph"])
    desk = AlertDesk()
    alert_counts: dict[str, int] = {}
    alert_log: list[str] = []
    alert_log_lock = threading.Lock()

    @desk.register
    def count_alert(vat: str, ph: float) -> None:
        alert_counts[vat] = alert_counts.get(vat, 0) + 1  # expect: GIL002

    @desk.register
    def write_alert(vat: str, ph: float) -> None:
        with alert_log_lock:
            alert_log.append(f"{vat}: pH {ph:.2f} below {config['alert_below_ph']}")

    monitors, probes = [], []
    for vat in config["vats"]:
        ours, theirs = socket.socketpair()
        monitors.append(VatMonitor(vat, ours, board, desk))
        probes.append(threading.Thread(
            target=probe_hardware, name=f"probe-{vat}",
            args=(theirs, vat, config["frames_per_vat"], config["probe_gap_s"])))
    return board, monitors, probes, alert_counts, alert_log


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    board, monitors, probes, alert_counts, alert_log = build_plant(PLANT)
    start = time.perf_counter()
    for thread in monitors + probes:
        thread.start()
    for thread in probes + monitors:
        thread.join()
    elapsed = time.perf_counter() - start
    expected = len(PLANT["vats"]) * PLANT["frames_per_vat"]
    print(f"readings = {board.readings} (expected {expected})")
    print(f"peak pH {board.peak_ph:.2f}, lowest pH {board.lowest_ph:.2f}")
    print(f"alerts counted = {sum(alert_counts.values())} (expected {len(alert_log)})")
    for vat in PLANT["vats"]:
        values = board.history[vat]
        print(f"{vat:9s} {len(values):3d} frames, mean pH {sum(values) / max(1, len(values)):.2f}")
    print(f"monitoring took {elapsed:.2f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
