"""Field-station uplink for triaged camera-trap images.

An asyncio uploader sends every kept image with its sidecar metadata to the
station server (a thread at the far end of a socket pair).  Images are shrunk
for the radio link in worker threads; sidecars are read with a retrying helper.
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
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Dict, List, TypeVar

logging.basicConfig(level=logging.WARNING, format="%(threadName)s %(message)s")
log = logging.getLogger("camtrap.uplink")

T = TypeVar("T")
UPLINK = {"images": 12, "late_sidecars": 1, "radio_duty_s": 0.003, "retries": 3, "backoff_s": 0.01, "concurrency": 3}


def retry(attempts: int = 3, backoff: float = 0.01) -> Callable[[Callable[..., T]], Callable[..., T]]:
    def decorate(fn: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs) -> T:
            for attempt in range(1, attempts):
                try:
                    return fn(*args, **kwargs)
                except (OSError, ValueError) as exc:
                    log.warning("%s: %s (attempt %d)", fn.__name__, exc, attempt)
                    time.sleep(backoff * attempt)  # expect: GIL004
            return fn(*args, **kwargs)
        return wrapper
    return decorate


@retry(attempts=UPLINK["retries"], backoff=UPLINK["backoff_s"])
def read_sidecar(path: str) -> Dict[str, object]:
    with open(path + ".json", encoding="utf-8") as fh:
        return json.load(fh)


def shrink_for_radio(path: str, duty: float) -> bytes:
    with open(path, "rb") as fh:
        payload = zlib.compress(fh.read(), 9)
    time.sleep(duty)  # ok: GIL004
    return payload


def station_server(sock: socket.socket, received: List[Dict[str, object]]) -> None:
    with sock, sock.makefile("rwb") as stream:
        for line in stream:
            header = json.loads(line)
            blob = stream.read(header["size"])
            received.append({"name": header["name"], "crc": zlib.crc32(blob)})
            stream.write(b"OK\n")
            stream.flush()


@dataclass
class UploadStats:
    images: int = 0
    bytes_sent: int = 0


class Uploader:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                 pool: ThreadPoolExecutor, **config) -> None:
        self.reader, self.writer, self.pool = reader, writer, pool
        self.config = config
        self.stats = UploadStats()  # only touched by coroutines on the event loop
        self._link = asyncio.Lock()
        self.failed: List[str] = []

    async def upload_one(self, path: str, gate: asyncio.Semaphore) -> None:
        async with gate:
            try:
                meta = read_sidecar(path)
            except OSError as exc:
                log.warning("skipping %s: %s", path, exc)
                self.failed.append(path)
                return
            loop = asyncio.get_running_loop()
            payload = await loop.run_in_executor(
                self.pool, functools.partial(shrink_for_radio, path, self.config["radio_duty_s"]))
            header = json.dumps({"name": os.path.basename(path), "size": len(payload), **meta})
            async with self._link:
                self.writer.write(header.encode() + b"\n" + payload)
                await self.writer.drain()
                await self.reader.readline()
            self.stats.bytes_sent += len(payload)  # ok: GIL002
            self.stats.images += 1

    async def upload_all(self, paths: List[str]) -> UploadStats:
        gate = asyncio.Semaphore(self.config["concurrency"])
        await asyncio.gather(*(self.upload_one(p, gate) for p in paths))
        return self.stats


def write_sidecar(path: str, index: int) -> None:
    with open(path + ".json", "w", encoding="utf-8") as fh:
        json.dump({"species": ("lynx", "wolf", "red deer")[index % 3], "camera": f"cam{index % 4}"}, fh)


def stage_images(root: str, count: int, late: int = 1) -> List[str]:
    """The card copier writes the last `late` sidecars a little after the images."""
    paths = []
    for i in range(count):
        path = os.path.join(root, f"KEEP_{i:03d}.jpg")
        with open(path, "wb") as fh:
            fh.write(b"\xff\xd8" + bytes([i % 7]) * 2048)
        if i < count - late:
            write_sidecar(path, i)
        else:
            threading.Timer(0.02, write_sidecar, args=(path, i)).start()
        paths.append(path)
    return paths


async def run_uplink(paths: List[str], sock: socket.socket, pool: ThreadPoolExecutor) -> UploadStats:
    reader, writer = await asyncio.open_connection(sock=sock)
    uploader = Uploader(reader, writer, pool, **UPLINK)
    stats = await uploader.upload_all(paths)
    writer.close()
    await writer.wait_closed()
    return stats


def main() -> None:
    received: List[Dict[str, object]] = []
    uplink_side, station_side = socket.socketpair()
    station = threading.Thread(target=station_server, args=(station_side, received), name="station")
    station.start()
    with tempfile.TemporaryDirectory() as tmp:
        paths = stage_images(tmp, UPLINK["images"], UPLINK["late_sidecars"])
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="shrink") as pool:
            stats = asyncio.run(run_uplink(paths, uplink_side, pool))
        elapsed = time.perf_counter() - started
    station.join()
    print(f"uploaded {stats.images} images ({stats.bytes_sent} bytes) in {elapsed * 1000:.0f} ms")
    print(f"station received {len(received)} (expected {UPLINK['images']}); first {received[0]['name']}")


if __name__ == "__main__":
    main()
