"""Hotlist checks for plate reads from roadside ANPR cameras.

Camera reads arrive on an asyncio service. Each read is normalised and checked
against the hotlist (stolen vehicles, expired registrations, AMBER alerts); hits
are pushed to the dispatch centre, which acknowledges each alert. The hotlist file
is refreshed from the state share while the service runs.
"""
import asyncio
import functools
import json
import logging
import os
import socket
import tempfile
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("anpr.hotlist")

CONFUSABLE = str.maketrans({"O": "0", "I": "1", "Q": "0"})


@dataclass(frozen=True)
class CameraRead:
    camera_id: str
    plate: str
    seen_at: float


@dataclass(frozen=True)
class Hit:
    read: CameraRead
    reason: str


def normalise(plate):
    return plate.upper().replace(" ", "").translate(CONFUSABLE)


def with_backoff(attempts=2, delay=0.01):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except (ConnectionError, socket.timeout):
                log.warning("dispatch link hiccup, backing off")
                time.sleep(delay)  # expect: GIL004
                return fn(*args, **kwargs)
        return wrapper
    return decorate


class Hotlist:
    def __init__(self):
        self.entries = {}
        self.version = 0

    def reload(self, path, share_latency=0.01):
        time.sleep(share_latency)  # ok: GIL004
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        self.entries = {normalise(plate): reason for plate, reason in data["plates"].items()}
        self.version = data["version"]
        return self.version

    def lookup(self, plate):
        return self.entries.get(plate)


class DispatchLink:
    """Blocking client for the dispatch centre; every alert is acknowledged."""

    def __init__(self, sock):
        self.sock = sock
        self.acked = []

    @with_backoff()
    def notify(self, hit):
        payload = f"{hit.read.camera_id}|{hit.read.plate}|{hit.reason}\n".encode()
        self.sock.sendall(payload)
        ack = self.sock.recv(64)  # expect: GIL004
        if not ack:
            raise ConnectionError("dispatch closed the link")
        self.acked.append(ack.decode().strip())


def dispatch_centre(sock):
    """Runs in its own thread: acknowledges alerts after the operator console updates."""
    while data := sock.recv(256):
        time.sleep(0.002)  # ok: GIL004
        sock.sendall(b"ACK " + data.split(b"|")[1] + b"\n")
    sock.close()


class HotlistService:
    def __init__(self, hotlist, link):
        self.hotlist = hotlist
        self.link = link
        self.reads = 0
        self.hits = []

    async def refresh(self, path):
        loop = asyncio.get_running_loop()
        version = await loop.run_in_executor(None, functools.partial(self.hotlist.reload, path))
        log.info("hotlist version %s loaded", version)

    async def process_read(self, read):
        self.reads += 1  # ok: GIL002
        reason = self.hotlist.lookup(normalise(read.plate))
        if reason is None:
            return None
        hit = Hit(read, reason)
        self.hits.append(hit)
        self.link.notify(hit)
        return hit

    async def consume(self, feed):
        async for read in feed:
            await self.process_read(read)


async def camera_feed(reads, gap=0.001):
    for read in reads:
        await asyncio.sleep(gap)
        yield read


def write_hotlist(path, version, plates):
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"version": version, "plates": plates}, f)


async def run(path, reads):
    service_side, centre_side = socket.socketpair()
    centre = threading.Thread(target=dispatch_centre, args=(centre_side,), daemon=True)
    centre.start()
    service = HotlistService(Hotlist(), DispatchLink(service_side))
    await service.refresh(path)
    write_hotlist(path, 2, {"KX19 ABC": "stolen", "MN68 QRT": "amber-alert", "BD51 SMR": "no-insurance"})
    await asyncio.gather(service.consume(camera_feed(reads)), service.refresh(path))
    service_side.close()
    centre.join(timeout=1.0)
    return service


def main():
    logging.basicConfig(level=logging.WARNING)
    fd, path = tempfile.mkstemp(prefix="hotlist-", suffix=".json")
    os.close(fd)
    write_hotlist(path, 1, {"KX19ABC": "stolen", "BD51SMR": "no-insurance"})
    plates = ["KX19 ABC", "LR04 PLM", "MN68 QRT", "BD51 SMR", "YT70 AAA", "KXI9 ABC"]
    reads = [CameraRead(f"cam-{i % 4}", plates[i % len(plates)], 1_700_000_000 + i) for i in range(60)]
    started = time.perf_counter()
    try:
        service = asyncio.run(run(path, reads))
    finally:
        os.remove(path)
    reasons = sorted({h.reason for h in service.hits})
    print(f"reads: {service.reads}, hits: {len(service.hits)} ({', '.join(reasons)}), acks: {len(service.link.acked)}")
    print(f"hotlist version {service.hotlist.version}; elapsed {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
