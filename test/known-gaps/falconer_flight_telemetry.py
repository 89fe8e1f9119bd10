"""Falconry telemetry: GPS fixes from a bird's backpack transmitter, smoothed into a track.

A transmitter thread sends fixes over a socket pair; a receiver thread decodes them into
a FixStore; once the flight is over, one smoother thread per bird densifies the track and
runs several smoothing passes over it (pure-Python float work).
"""
from __future__ import annotations

import logging
import math
import socket
import struct
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("telemetry")

FIX = struct.Struct("!Hdddf")  # bird id, t, lat, lon, hdop
SETTINGS = {"fixes_per_bird": 25, "send_gap_s": 0.002, "max_hdop": 5.0,
            "densify": 1500, "passes": 48, "window": 2}
BIRDS = {1: "Cinder", 2: "Ember"}


@dataclass(frozen=True)
class Fix:
    bird: int
    t: float
    lat: float
    lon: float
    hdop: float


class FixStore:
    def __init__(self, max_hdop: float):
        self._lock = threading.Lock()
        self._fixes: dict[int, list[Fix]] = {}
        self.max_hdop = max_hdop
        self.flight_over = threading.Event()

    def record(self, fix: Fix) -> bool:
        self._lock.acquire()  # expect: GIL005
        if fix.hdop > self.max_hdop:
            log.debug("dropping poor fix %s", fix)
            return False
        self._fixes.setdefault(fix.bird, []).append(fix)
        self._lock.release()
        return True

    def snapshot(self, bird: int) -> list[Fix]:
        with self._lock:
            return list(self._fixes.get(bird, ()))


class StageThread(threading.Thread):
    """Base for the pipeline stages: names the thread and logs start/stop."""

    def __init__(self, stage: str, **kwargs):
        super().__init__(name=f"stage-{stage}", **kwargs)
        self.stage = stage
        self.error: BaseException | None = None

    def run(self) -> None:
        log.info("%s starting", self.stage)
        try:
            self.process()
        except BaseException as exc:  # keep the pipeline alive, report later
            self.error = exc
        log.info("%s finished", self.stage)

    def process(self) -> None:
        raise NotImplementedError


class Transmitter(StageThread):
    def __init__(self, sock: socket.socket, **kwargs):
        super().__init__("transmitter", **kwargs)
        self.sock = sock

    def process(self) -> None:
        n = SETTINGS["fixes_per_bird"]
        for i in range(n):  # ok: GIL001
            for bird in BIRDS:
                angle = i / n * math.pi * (1.0 + bird * 0.25)
                payload = FIX.pack(bird, i * 1.0, 51.5 + 0.01 * math.sin(angle),
                                   -0.12 + 0.01 * math.cos(angle), 1.0 + (i % 3) * 0.5)
                self.sock.sendall(payload)
            time.sleep(SETTINGS["send_gap_s"])
        self.sock.shutdown(socket.SHUT_WR)


class Receiver(StageThread):
    def __init__(self, sock: socket.socket, store: FixStore, **kwargs):
        super().__init__("receiver", **kwargs)
        self.sock = sock
        self.store = store

    def process(self) -> None:
        buf = b""
        while True:
            chunk = self.sock.recv(4096)
            if not chunk:
                break
            buf += chunk
            while len(buf) >= FIX.size:
                fix = Fix(*FIX.unpack(buf[:FIX.size]))
                buf = buf[FIX.size:]
                self.store.record(fix)
        self.store.flight_over.set()


class Smoother(StageThread):
    def __init__(self, bird: int, store: FixStore, results: dict, **kwargs):
        super().__init__(f"smoother-{BIRDS[bird]}", **kwargs)
        self.bird, self.store, self.results = bird, store, results

    def densify(self, fixes: list[Fix]) -> list[tuple[float, float]]:
        k = SETTINGS["densify"] // max(1, len(fixes) - 1)
        pts = []
        for a, b in zip(fixes, fixes[1:]):
            for j in range(k):
                f = j / k
                pts.append((a.lat + (b.lat - a.lat) * f, a.lon + (b.lon - a.lon) * f))
        return pts

    def process(self) -> None:
        self.store.flight_over.wait()
        track = self.densify(self.store.snapshot(self.bird))
        w = SETTINGS["window"]
        for _ in range(SETTINGS["passes"]):  # expect: GIL001
            smoothed = track[:w]
            for i in range(w, len(track) - w):
                lat = sum(p[0] for p in track[i - w:i + w + 1]) / (2 * w + 1)
                lon = sum(p[1] for p in track[i - w:i + w + 1]) / (2 * w + 1)
                smoothed.append((lat, lon))
            smoothed.extend(track[len(track) - w:])
            track = smoothed
        dist = 0.0
        for (la1, lo1), (la2, lo2) in zip(track, track[1:]):
            dist += math.hypot(la2 - la1, lo2 - lo1) * 111_000
        self.results[BIRDS[self.bird]] = (len(track), round(dist))


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    tx_sock, rx_sock = socket.socketpair()
    store = FixStore(SETTINGS["max_hdop"])
    results: dict[str, tuple[int, int]] = {}
    stages = [Transmitter(tx_sock), Receiver(rx_sock, store)]
    stages += [Smoother(bird, store, results) for bird in BIRDS]
    started = time.perf_counter()
    for stage in stages:
        stage.start()
    for stage in stages:
        stage.join()
    tx_sock.close()
    rx_sock.close()
    for stage in stages:
        if stage.error:
            print(f"{stage.name} failed: {stage.error!r}")
    for name, (points, metres) in sorted(results.items()):
        print(f"{name}: {points} smoothed points, flight length ~{metres} m")
    print(f"pipeline took {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
