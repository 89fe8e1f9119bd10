"""Asyncio exposure publisher for an experimentation SDK.

Exposure events are batched on the event loop and shipped to a collector
over a local socket (``socket.socketpair()`` stands in for the TCP link).
The collector runs in its own thread and acknowledges every batch.
"""
import asyncio
import json
import logging
import socket
import threading
import time
from dataclasses import asdict, dataclass
from typing import Dict, List, Optional

log = logging.getLogger("ab.publisher")


@dataclass
class Exposure:
    experiment: str
    variant: str
    user_id: str


class Collector(threading.Thread):
    """Reads newline-delimited JSON batches and answers ``ACK <n>``."""

    def __init__(self, sock: socket.socket):
        super().__init__(name="collector", daemon=True)
        self.sock = sock
        self.received: List[Dict] = []

    def run(self) -> None:
        buf = b""
        while True:  # ok: GIL001
            chunk = self.sock.recv(65536)
            if not chunk:
                return
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                batch = json.loads(line)
                self.received.extend(batch)
                self.sock.sendall(f"ACK {len(batch)}\n".encode())


class RateLimiter:
    """Token bucket; the SDK's old synchronous implementation."""

    def __init__(self, per_second: float):
        self.interval = 1.0 / per_second
        self._last = 0.0

    def wait(self) -> None:
        now = time.monotonic()
        delay = self._last + self.interval - now
        if delay > 0:
            time.sleep(delay)  # expect: GIL004
        self._last = time.monotonic()


class ExposurePublisher:
    def __init__(self, sock: socket.socket, batch_size: int = 20, limiter: Optional[RateLimiter] = None):
        self.sock = sock
        self.batch_size = batch_size
        self.limiter = limiter or RateLimiter(per_second=400)
        self._buffer: List[Exposure] = []
        self._batch_lock = threading.Lock()
        self.acked = 0

    def _take_batch(self) -> List[Exposure]:
        self._batch_lock.acquire()  # ok: GIL005
        try:
            if not self._buffer:
                return []
            batch, self._buffer = self._buffer[: self.batch_size], self._buffer[self.batch_size:]
            return batch
        finally:
            self._batch_lock.release()

    def _blocking_publish(self, payload: bytes) -> int:
        self.sock.sendall(payload)
        reply = self.sock.recv(64)  # ok: GIL004
        return int(reply.split()[1])

    def record(self, exposure: Exposure) -> None:
        with self._batch_lock:
            self._buffer.append(exposure)

    async def flush(self) -> int:
        loop = asyncio.get_running_loop()
        shipped = 0
        while True:
            batch = self._take_batch()
            if not batch:
                return shipped
            self.limiter.wait()
            payload = (json.dumps([asdict(e) for e in batch]) + "\n").encode()
            self.acked += await loop.run_in_executor(None, self._blocking_publish, payload)
            shipped += len(batch)


async def simulate_traffic(publisher: ExposurePublisher, users: int, flush_every: int) -> int:
    shipped = 0
    for n in range(users):
        variant = "treatment" if n % 3 else "control"
        publisher.record(Exposure("search-ranking-v2", variant, f"user-{n}"))
        if (n + 1) % flush_every == 0:
            shipped += await publisher.flush()
        await asyncio.sleep(0)  # ok: GIL004
    shipped += await publisher.flush()
    return shipped


async def ticker(stop: asyncio.Event, gaps: List[float]) -> None:
    last = time.perf_counter()
    while not stop.is_set():
        await asyncio.sleep(0.002)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now


async def main() -> None:
    client_sock, collector_sock = socket.socketpair()
    collector = Collector(collector_sock)
    collector.start()
    publisher = ExposurePublisher(client_sock)
    stop, gaps = asyncio.Event(), []
    tick = asyncio.create_task(ticker(stop, gaps))
    started = time.perf_counter()
    shipped = await simulate_traffic(publisher, users=600, flush_every=100)
    stop.set()
    await tick
    client_sock.close()
    await asyncio.to_thread(collector.join, 1.0)
    print(f"shipped = {shipped}, acked = {publisher.acked}, collected = {len(collector.received)} (expected 600)")
    print(f"worst loop stall = {max(gaps) * 1e3:.1f} ms over {len(gaps)} ticks")
    print(f"took {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
