"""Asyncio gateway between the departure control system (DCS) and the baggage sorter.

The DCS pushes Baggage Source Messages (BSM); for each one the gateway looks
the flight up in the flight directory, picks a make-up carousel, tells the
sorter controller over its (blocking, line-based) TCP link, and archives the
processed batch.  Several gateway workers share one event loop.
"""
from __future__ import annotations

import asyncio
import functools
import json
import logging
import os
import socket
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from typing import Dict, List

log = logging.getLogger("bhs.gateway")

CONFIG = {"workers": 4, "directory_latency": 0.002, "retry_delay": 0.001, "batch": 20}


@dataclass
class BSM:
    sequence: int
    plate: str
    flight: str
    passenger: str


class FlightDirectory:
    """Synchronous client of the airline's flight directory (a SOAP service in production)."""

    def __init__(self, latency: float) -> None:
        self._latency = latency
        self.calls = 0

    def lookup(self, flight: str) -> Dict[str, object]:
        self.calls += 1
        time.sleep(self._latency)  # expect: GIL004
        return {"flight": flight, "carousel": 1 + sum(map(ord, flight)) % 8}


class SorterLink:
    """Line-based request/response link to the sorter controller; one request at a time."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._lock = threading.Lock()

    def send_route(self, plate: str, carousel: int) -> bytes:
        with self._lock:
            self._sock.sendall(f"ROUTE {plate} {carousel}\n".encode())  # ok: GIL004
            return self._sock.recv(64)  # ok: GIL004

    def close(self) -> None:
        self._sock.close()


def sorter_controller(sock: socket.socket) -> None:
    """Stand-in for the sorter PLC: acknowledges routes, says BUSY now and then."""
    handled = 0
    while True:
        data = sock.recv(256)
        if not data:
            break
        handled += 1
        reply = b"BUSY\n" if handled % 25 == 0 else b"ACK\n"
        sock.sendall(reply)
    sock.close()


def archive_batch(directory: str, batch: List[BSM]) -> str:
    """Append the batch to the daily archive file (on an NFS share in production)."""
    path = os.path.join(directory, "bsm-archive.jsonl")
    with open(path, "a", encoding="utf-8") as fh:
        for msg in batch:
            fh.write(json.dumps(asdict(msg)) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    time.sleep(0.002)  # ok: GIL004
    return path


class BsmGateway:
    def __init__(self, directory: FlightDirectory, link: SorterLink, archive_dir: str,
                 **options: float) -> None:
        self._directory = directory
        self._link = link
        self._archive_dir = archive_dir
        self._retry_delay = options.get("retry_delay", 0.001)
        self._batch_size = int(options.get("batch", 20))
        self._pending: List[BSM] = []
        self.routed = 0
        self.retries = 0

    async def _backoff(self, attempt: int) -> None:
        self.retries += 1
        time.sleep(self._retry_delay * attempt)  # expect: GIL004

    async def _route(self, msg: BSM, carousel: int) -> None:
        loop = asyncio.get_running_loop()
        for attempt in range(1, 4):
            reply = await loop.run_in_executor(
                None, functools.partial(self._link.send_route, msg.plate, carousel))
            if reply.startswith(b"ACK"):
                self.routed += 1  # ok: GIL002
                return
            await self._backoff(attempt)
        log.warning("gave up routing %s", msg.plate)

    async def handle(self, msg: BSM) -> None:
        flight = self._directory.lookup(msg.flight)
        await self._route(msg, int(flight["carousel"]))
        self._pending.append(msg)
        if len(self._pending) >= self._batch_size:
            batch, self._pending = self._pending, []
            await asyncio.to_thread(archive_batch, self._archive_dir, batch)

    async def worker(self, inbox: "asyncio.Queue[BSM | None]") -> None:
        while (msg := await inbox.get()) is not None:
            await self.handle(msg)
            await asyncio.sleep(0.0005)  # ok: GIL004

    async def flush(self) -> None:
        if self._pending:
            batch, self._pending = self._pending, []
            await asyncio.to_thread(archive_batch, self._archive_dir, batch)


async def serve(messages: List[BSM], archive_dir: str) -> BsmGateway:
    ours, theirs = socket.socketpair()
    controller = threading.Thread(target=sorter_controller, args=(theirs,), daemon=True)
    controller.start()
    gateway = BsmGateway(FlightDirectory(CONFIG["directory_latency"]), SorterLink(ours),
                         archive_dir, **{k: v for k, v in CONFIG.items() if k != "workers"})
    inbox: "asyncio.Queue[BSM | None]" = asyncio.Queue()
    for msg in messages:
        inbox.put_nowait(msg)
    for _ in range(CONFIG["workers"]):
        inbox.put_nowait(None)
    await asyncio.gather(*(gateway.worker(inbox) for _ in range(CONFIG["workers"])))
    await gateway.flush()
    gateway._link.close()
    controller.join(timeout=1.0)
    return gateway


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    msgs = [BSM(i, f"0125{i:06d}", f"BA{100 + i % 9}", f"PAX{i:04d}") for i in range(120)]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        gw = asyncio.run(serve(msgs, tmp))
        with open(os.path.join(tmp, "bsm-archive.jsonl"), encoding="utf-8") as fh:
            archived = sum(1 for _ in fh)
    print(f"routed={gw.routed} retries={gw.retries} archived={archived} "
          f"directory_calls={gw._directory.calls} in {time.perf_counter() - started:.2f}s")
