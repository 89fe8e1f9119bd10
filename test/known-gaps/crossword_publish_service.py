"""Asyncio publishing service for finished crossword puzzles.

Each puzzle is rendered to the syndication text format, archived to the
shared puzzle store, and announced to the press feed.  The press feed is a
line protocol over a local socket; a small simulator thread plays the
press side so the service can be exercised without the real endpoint.
"""
import asyncio
import functools
import logging
import os
import socket
import tempfile
import threading
import time
import zlib
from dataclasses import dataclass, field

log = logging.getLogger("xword.publish")

SETTINGS = {"archive_latency": 0.02, "press_gap": 0.01, "feed_delay": 0.002}


@dataclass
class Puzzle:
    puzzle_id: str
    author: str
    rows: list = field(default_factory=list)

    def render(self):
        body = "\n".join(" ".join(row) for row in self.rows)
        return f"ID {self.puzzle_id}\nBY {self.author}\n{body}\n"


def rate_limited(min_gap):
    """Space out calls to a press endpoint that rejects bursts."""
    def decorate(fn):
        last = [0.0]

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            wait = last[0] + min_gap - time.monotonic()
            if wait > 0:
                time.sleep(wait)  # expect: GIL004
            try:
                return fn(*args, **kwargs)
            finally:
                last[0] = time.monotonic()
        return wrapper
    return decorate


def archive_puzzle(directory, puzzle_id, text):
    """Write a compressed copy to the (slow, network-mounted) puzzle store."""
    path = os.path.join(directory, f"{puzzle_id}.xw.z")
    with open(path, "wb") as fh:
        fh.write(zlib.compress(text.encode(), 9))
    time.sleep(SETTINGS["archive_latency"])  # ok: GIL004
    return path


@rate_limited(SETTINGS["press_gap"])
def announce(sock, puzzle_id):
    sock.sendall(f"PUB {puzzle_id}\n".encode())
    reply = sock.recv(64)  # expect: GIL004
    return reply.decode().strip()


class PressFeedSimulator:
    """Plays the press side of the feed protocol on a background thread."""

    def __init__(self, sock):
        self.sock = sock
        self.received = []
        self._thread = threading.Thread(target=self._serve, name="press-feed", daemon=True)

    def start(self):
        self._thread.start()
        return self

    def _serve(self):
        buf = b""
        while True:  # ok: GIL001
            chunk = self.sock.recv(256)
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                self.received.append(line.decode())
                time.sleep(SETTINGS["feed_delay"])  # ok: GIL004
                self.sock.sendall(b"ACK " + line.split()[-1] + b"\n")

    def join(self, timeout=None):
        self._thread.join(timeout)


class PublishService:
    def __init__(self, archive_dir, feed_sock):
        self.archive_dir = archive_dir
        self.feed_sock = feed_sock
        self.published = []

    async def _verify(self, path):
        loop = asyncio.get_running_loop()
        size = await loop.run_in_executor(None, os.path.getsize, path)
        await asyncio.sleep(0)  # ok: GIL004
        return size

    async def publish(self, puzzle):
        text = puzzle.render()
        path = await asyncio.to_thread(archive_puzzle, self.archive_dir, puzzle.puzzle_id, text)
        size = await self._verify(path)
        ack = announce(self.feed_sock, puzzle.puzzle_id)
        self.published.append((puzzle.puzzle_id, size, ack))
        log.info("published %s (%d bytes): %s", puzzle.puzzle_id, size, ack)
        return ack

    async def publish_all(self, puzzles, concurrency=3):
        gate = asyncio.Semaphore(concurrency)

        async def one(p):
            async with gate:
                return await self.publish(p)

        return await asyncio.gather(*(one(p) for p in puzzles))


def sample_puzzles(n):
    letters = "CROSSWORDPUZZLE"
    for i in range(n):
        rows = [[letters[(i + r * 5 + c) % len(letters)] for c in range(5)] for r in range(5)]
        yield Puzzle(puzzle_id=f"2024-{i:03d}", author=("Ada", "Ben", "Cy")[i % 3], rows=rows)


async def main():
    service_sock, press_sock = socket.socketpair()
    press = PressFeedSimulator(press_sock).start()
    with tempfile.TemporaryDirectory() as archive_dir:
        service = PublishService(archive_dir, service_sock)
        started = time.perf_counter()
        acks = await service.publish_all(list(sample_puzzles(8)))
        elapsed = time.perf_counter() - started
    service_sock.close()
    press.join(timeout=1)
    print(f"acks: {acks}")
    print(f"press saw {len(press.received)} announcements in {elapsed:.2f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main())
