"""Reading-position sync gateway for library e-readers.

Devices push their last reading position; the gateway records it per device, checks
the loan's licence blob (streamed by the licence service over a local socket), and
periodically checkpoints the positions to disk. Pushes to the upstream catalogue are
retried by a decorator.
"""
from __future__ import annotations

import asyncio
import functools
import json
import logging
import os
import socket
import struct
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Dict, List

log = logging.getLogger("library.sync")

LICENCE_BLOB = struct.Struct("!16sQ")
GATEWAY_CONFIG = {"devices": 6, "checkpoint_every": 3, "retry_attempts": 3, "retry_backoff_s": 0.01}


class UpstreamUnavailable(Exception):
    pass


def retry_async(attempts: int = 3, backoff_s: float = 0.05, retry_on=(UpstreamUnavailable,)):
    def decorate(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            attempt = 0
            while True:
                attempt += 1
                try:
                    return await fn(*args, **kwargs)
                except retry_on as exc:
                    if attempt >= attempts:
                        raise
                    log.warning("%s failed (%s); retry %d", fn.__name__, exc, attempt)
                    time.sleep(backoff_s * attempt)  # expect: GIL004
        return wrapper
    return decorate


@dataclass
class PositionUpdate:
    device_id: str
    isbn: str
    location: int
    percent: float


class LicenceFeed:
    """Blocking reader for the licence service's stream of fixed-size blobs."""

    def __init__(self, sock: socket.socket):
        self._sock = sock

    def next_blob(self) -> tuple:
        buf = b""
        while len(buf) < LICENCE_BLOB.size:
            buf += self._sock.recv(LICENCE_BLOB.size - len(buf))  # expect: GIL004
        isbn, expires = LICENCE_BLOB.unpack(buf)
        return isbn.rstrip(b"\0").decode(), expires


def licence_service(sock: socket.socket, isbns: List[str]) -> None:
    """Runs in its own thread and streams one licence blob per device."""
    for isbn in isbns:  # ok: GIL001
        sock.sendall(LICENCE_BLOB.pack(isbn.encode(), int(time.time()) + 14 * 86400))
    sock.shutdown(socket.SHUT_WR)


class SyncGateway:
    def __init__(self, feed: LicenceFeed, workdir: str, **config):
        self.feed = feed
        self.path = os.path.join(workdir, "positions.json")
        self.positions: Dict[str, Dict[str, int]] = {}
        self.synced = 0
        self.checkpoint_every = config.get("checkpoint_every", 5)
        self._upstream_failures = {"dev-2": 1}
        self.push = retry_async(config.get("retry_attempts", 3),
                                config.get("retry_backoff_s", 0.05))(self._push_upstream)

    async def _push_upstream(self, update: PositionUpdate) -> None:
        remaining = self._upstream_failures.get(update.device_id, 0)
        if remaining:  # ok: GIL003
            self._upstream_failures[update.device_id] = remaining - 1
            raise UpstreamUnavailable("catalogue returned 503")
        await asyncio.sleep(0.002)  # ok: GIL004

    async def handle(self, update: PositionUpdate) -> None:
        isbn, expires = self.feed.next_blob()
        if expires < time.time():
            log.warning("licence for %s expired; ignoring position", isbn)
            return
        if update.device_id not in self.positions:  # ok: GIL003
            self.positions[update.device_id] = {}
        self.positions[update.device_id][update.isbn] = update.location
        self.synced += 1  # ok: GIL002
        await self.push(update)
        if self.synced % self.checkpoint_every == 0:
            await self.checkpoint()

    async def checkpoint(self) -> None:
        snapshot = {dev: dict(books) for dev, books in self.positions.items()}
        path = self.path

        def _flush():
            tmp = path + ".tmp"
            with open(tmp, "w", encoding="utf-8") as fh:
                json.dump(snapshot, fh)
            os.replace(tmp, path)
            time.sleep(0.003)  # ok: GIL004

        await asyncio.to_thread(_flush)
        log.info("checkpointed %d devices", len(snapshot))


async def serve(config: dict, workdir: str) -> SyncGateway:
    service_sock, gateway_sock = socket.socketpair()
    updates = [PositionUpdate(f"dev-{i}", f"978-0-00-00000{i}-0", 100 * i + 7, 0.1 * i)
               for i in range(config["devices"])]
    feeder = threading.Thread(target=licence_service, args=(service_sock, [u.isbn for u in updates]),
                              name="licence-service")
    feeder.start()
    gateway = SyncGateway(LicenceFeed(gateway_sock), workdir, **config)
    try:
        for update in updates:
            await gateway.handle(update)
    finally:
        feeder.join()
        service_sock.close()
        gateway_sock.close()
    return gateway


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    with tempfile.TemporaryDirectory() as workdir:
        gateway = asyncio.run(serve(GATEWAY_CONFIG, workdir))
        with open(gateway.path, encoding="utf-8") as fh:
            saved = json.load(fh)
    print(f"synced {gateway.synced} updates; checkpoint holds {len(saved)} devices")
    print(f"positions: {sorted((d, list(b.values())[0]) for d, b in gateway.positions.items())}")


if __name__ == "__main__":
    main()
