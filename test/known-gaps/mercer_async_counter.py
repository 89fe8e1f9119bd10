"""Silk mercer's counter: an asyncio service reads bolt orders from three warehouse lines.

The old "speaking tube" line is a plain blocking socket, the new line is a
non-blocking socket read with the event loop, and the night line is read by a
worker thread. Provenance certificates of the bolts sold are hashed in a pool.
(socket.socketpair stands in for the warehouse connections.)
"""
import asyncio
import hashlib
import logging
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger("mercer.counter")

COUNTER_CONFIG = {"new_line_orders": 6, "send_gap": 0.004, "cert_bytes": 1 << 20, "certs": 6}


@dataclass(frozen=True)
class BoltOrder:
    line: str
    bolt_id: str
    yards: int

    @classmethod
    def parse(cls, line, text):
        bolt_id, yards = text.split(":")
        return cls(line, bolt_id, int(yards))


class CounterWire:
    """One end of a warehouse line; frames are newline-terminated."""

    def __init__(self, sock, name):
        self.sock = sock
        self.name = name
        self.buffer = b""

    def _take_frames(self):
        *frames, self.buffer = self.buffer.split(b"\n")
        return [f.decode() for f in frames if f]

    def read_frames_blocking(self, want):
        """Synchronous reader, only ever used from a worker thread."""
        frames = []
        while len(frames) < want:
            chunk = self.sock.recv(4096)  # ok: GIL004
            if not chunk:
                break
            self.buffer += chunk
            frames.extend(self._take_frames())
        return frames


class Counter:
    def __init__(self, pool):
        self.pool = pool
        self.orders = []

    async def read_speaking_tube(self, wire, want):
        frames = []
        while len(frames) < want:
            chunk = wire.sock.recv(4096)  # expect: GIL004
            if not chunk:
                break
            wire.buffer += chunk
            frames.extend(wire._take_frames())
        self.orders += [BoltOrder.parse(wire.name, f) for f in frames]

    async def read_new_line(self, wire, want):
        loop = asyncio.get_running_loop()
        frames = []
        while len(frames) < want:
            chunk = await loop.sock_recv(wire.sock, 4096)  # ok: GIL004
            if not chunk:
                break
            wire.buffer += chunk
            frames.extend(wire._take_frames())
        self.orders += [BoltOrder.parse(wire.name, f) for f in frames]

    async def read_night_line(self, wire, want):
        frames = await asyncio.to_thread(wire.read_frames_blocking, want)
        self.orders += [BoltOrder.parse(wire.name, f) for f in frames]

    async def certify(self, blobs):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, certify_bolts, blobs)


def certify_bolts(blobs):
    digests = []
    for blob in blobs:  # ok: GIL001
        digests.append(hashlib.sha256(blob).hexdigest()[:12])
    return digests


def warehouse_sender(sock, frames, gap):
    for frame in frames:
        sock.sendall(frame.encode() + b"\n")
        time.sleep(gap)


def make_line(blocking):
    ours, theirs = socket.socketpair()
    ours.setblocking(blocking)
    return ours, theirs


async def serve(cfg):
    tube_ours, tube_theirs = make_line(True)
    new_ours, new_theirs = make_line(False)
    night_ours, night_theirs = make_line(True)
    tube_frames = ["B0007:12", "B0019:4", "B0023:9"]
    tube_theirs.sendall("".join(f + "\n" for f in tube_frames).encode())
    new_frames = [f"B01{i:02d}:{i + 2}" for i in range(cfg["new_line_orders"])]
    night_frames = ["B0301:30", "B0302:15"]
    senders = [
        threading.Thread(target=warehouse_sender, args=(new_theirs, new_frames, cfg["send_gap"])),
        threading.Thread(target=warehouse_sender, args=(night_theirs, night_frames, cfg["send_gap"])),
    ]
    for t in senders:
        t.start()
    blobs = [bytes([i]) * cfg["cert_bytes"] for i in range(cfg["certs"])]
    with ThreadPoolExecutor(max_workers=2) as pool:
        counter = Counter(pool)
        results = await asyncio.gather(
            counter.read_speaking_tube(CounterWire(tube_ours, "tube"), len(tube_frames)),
            counter.read_new_line(CounterWire(new_ours, "new"), len(new_frames)),
            counter.read_night_line(CounterWire(night_ours, "night"), len(night_frames)),
            counter.certify(blobs),
        )
    for t in senders:
        t.join()
    for s in (tube_ours, tube_theirs, new_ours, new_theirs, night_ours, night_theirs):
        s.close()
    return counter.orders, results[-1]


def main():
    logging.basicConfig(level=logging.WARNING)
    start = time.perf_counter()
    orders, certs = asyncio.run(serve(COUNTER_CONFIG))
    by_line = {}
    for o in orders:
        by_line[o.line] = by_line.get(o.line, 0) + o.yards
    print(f"orders = {len(orders)} (expected {3 + COUNTER_CONFIG['new_line_orders'] + 2})")
    print(f"yards by line = {dict(sorted(by_line.items()))}; certificates = {len(certs)}")
    print(f"served in {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
