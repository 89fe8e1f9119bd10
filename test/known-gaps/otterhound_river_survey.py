"""Otterhound river survey: stations log spraint readings, a collector gathers them.

Survey stations (threads) buffer readings in a shared batch buffer and ship full
batches over a socket pair to a collector thread.  A Timer writes a checkpoint file.
Afterwards a thread pool fits a scent-diffusion model per reach.
"""
from __future__ import annotations

import json
import logging
import os
import random
import socket
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, asdict

log = logging.getLogger("otterhound.survey")

STATIONS = {"Exe Bridge": 3, "Barle Pool": 5, "Weir Tail": 8}
SURVEY = {"readings": 40, "interval": 0.002, "flush_at": 6, "grid": 1500, "steps": 400}


@dataclass
class Reading:
    reach: str
    metres: float
    spraint: float


class ReadingBuffer:
    """Shared by every station: collects readings and ships full batches."""

    def __init__(self, flush_at: int, sink) -> None:
        self.pending: list = []
        self.flush_at = flush_at
        self._sink = sink

    def add(self, reading: Reading) -> None:
        self.pending.append(reading)
        if len(self.pending) >= self.flush_at:  # expect: GIL003
            batch = self.pending[:]
            self.pending.clear()
            self._sink(batch)


class SocketSink:
    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._send_lock = threading.Lock()

    def __call__(self, batch: list) -> None:
        frame = (json.dumps([asdict(r) for r in batch]) + "\n").encode()
        with self._send_lock:
            self._sock.sendall(frame)


class Station:
    def __init__(self, reach: str, seed: int, buffer: ReadingBuffer, **survey) -> None:
        self.reach = reach
        self.rng = random.Random(seed)
        self.buffer = buffer
        self.count = survey["readings"]
        self.interval = survey["interval"]
        self.run = self._walk_bank

    def _walk_bank(self) -> None:
        for n in range(self.count):  # ok: GIL001
            time.sleep(self.interval)  # wading to the next pool
            self.buffer.add(Reading(self.reach, n * 12.5, round(self.rng.random(), 3)))


class Collector:
    def __init__(self, sock: socket.socket, checkpoint_dir: str) -> None:
        self._sock = sock
        self._lock = threading.Lock()
        self.by_reach: dict = {}
        self.path = os.path.join(checkpoint_dir, "survey.checkpoint")

    def receive(self) -> None:
        pending = b""
        while True:  # ok: GIL001
            chunk = self._sock.recv(4096)
            if not chunk:
                break
            pending += chunk
            *frames, pending = pending.split(b"\n")
            for frame in frames:
                self._store(json.loads(frame))

    def _store(self, rows: list) -> None:
        with self._lock:
            for row in rows:
                if row["reach"] not in self.by_reach:  # ok: GIL003
                    self.by_reach[row["reach"]] = []
                self.by_reach[row["reach"]].append(Reading(**row))

    def checkpoint(self) -> None:
        if not self._lock.acquire(timeout=0.5):  # ok: GIL005
            log.warning("checkpoint skipped: collector busy")
            return
        try:
            counts = {reach: len(rows) for reach, rows in self.by_reach.items()}
            with open(self.path, "w", encoding="utf-8") as fh:
                json.dump(counts, fh)
        finally:
            self._lock.release()


class BaseModel:
    def __init__(self, grid: int) -> None:
        self.grid = grid
        self.field: list = []

    def prepare(self, readings: list) -> None:
        self.field = [0.0] * self.grid
        for r in readings:
            self.field[int(r.metres) % self.grid] += r.spraint  # ok: GIL002


class DiffusionModel(BaseModel):
    def __init__(self, grid: int, steps: int, rate: float = 0.25) -> None:
        super().__init__(grid)
        self.steps = steps
        self.rate = rate

    def fit(self, readings: list) -> float:
        super().prepare(readings)
        field, rate = self.field, self.rate
        for _step in range(self.steps):  # expect: GIL001
            field = [field[i] + rate * (field[i - 1] + field[(i + 1) % self.grid] - 2 * field[i])
                     for i in range(self.grid)]
        self.field = field
        return max(field)


class ReachFitter:
    def __init__(self, **survey) -> None:
        self.survey = survey
        self._job = self._fit_reach

    def _fit_reach(self, reach: str, readings: list) -> tuple:
        model = DiffusionModel(self.survey["grid"], self.survey["steps"])
        return reach, round(model.fit(readings), 4)

    def fit_all(self, by_reach: dict) -> dict:
        with ThreadPoolExecutor(max_workers=3) as pool:
            futures = [pool.submit(self._job, reach, rows) for reach, rows in by_reach.items()]
            return dict(f.result() for f in futures)


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    start = time.perf_counter()
    send_end, recv_end = socket.socketpair()
    with tempfile.TemporaryDirectory() as tmp:
        collector = Collector(recv_end, tmp)
        listener = threading.Thread(target=collector.receive, name="collector")
        listener.start()
        buffer = ReadingBuffer(SURVEY["flush_at"], SocketSink(send_end))
        stations = [Station(reach, seed, buffer, **SURVEY) for reach, seed in STATIONS.items()]
        threads = [threading.Thread(target=s.run, name=s.reach) for s in stations]
        timer = threading.Timer(0.03, collector.checkpoint)
        timer.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if buffer.pending:  # ok: GIL003
            SocketSink(send_end)(buffer.pending)
        send_end.shutdown(socket.SHUT_WR)
        listener.join()
        timer.join()
        checkpoint = open(collector.path, encoding="utf-8").read()
    send_end.close()
    recv_end.close()
    fitted = ReachFitter(**SURVEY).fit_all(collector.by_reach)
    total = sum(len(rows) for rows in collector.by_reach.values())
    print(f"readings collected = {total} (expected {SURVEY['readings'] * len(STATIONS)})")
    print(f"checkpoint: {checkpoint}")
    for reach, peak in sorted(fitted.items()):
        print(f"{reach:<11} peak scent after diffusion {peak}")
    print(f"river survey done in {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
