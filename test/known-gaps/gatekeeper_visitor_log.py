"""Gatehouse visitor log: the lodge terminal streams sign-ins to an asyncio logger.

The terminal runs on a plain thread and writes one line per visitor into a
socket pair; the event loop reads them, keeps the day book and archives it.
"""
import asyncio
import json
import logging
import os
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, asdict

log = logging.getLogger("gatekeeper.visitor_log")

SETTINGS = {
    "visitors": 24,
    "arrival_gap_s": 0.003,
    "flush_latency_s": 0.004,
    "archive_latency_s": 0.02,
}


@dataclass(frozen=True)
class SignIn:
    visitor: str
    host: str
    gate: str
    arrived_at: float

    @classmethod
    def parse(cls, raw: bytes) -> "SignIn":
        return cls(**json.loads(raw.decode()))


def terminal_feed(sock, count, gap):
    """Lodge terminal: one JSON line per visitor, as they sign the book."""
    try:
        for i in range(count):  # ok: GIL001
            entry = SignIn(f"visitor-{i}", f"host-{i % 5}", "lodge", time.time())
            sock.sendall((json.dumps(asdict(entry)) + "\n").encode())
            time.sleep(gap)
    finally:
        sock.shutdown(socket.SHUT_WR)
        sock.close()


class DayBook:
    """The event loop's view of today's visitors."""

    def __init__(self, folder, **settings):
        self.folder = folder
        self.entries = []
        self.by_host = {}
        self.flush_latency = settings["flush_latency_s"]
        self.archive_latency = settings["archive_latency_s"]
        self._pending = []

    def add(self, entry):
        self.entries.append(entry)
        self.by_host.setdefault(entry.host, []).append(entry.visitor)
        self._pending.append(entry)

    def _flush_to_disk(self):
        """Append pending entries to the day file (the slow disk is simulated)."""
        path = os.path.join(self.folder, "daybook.jsonl")
        with open(path, "a") as fh:
            for entry in self._pending:
                fh.write(json.dumps(asdict(entry)) + "\n")
        self._pending.clear()
        time.sleep(self.flush_latency)  # expect: GIL004

    async def checkpoint(self):
        if len(self._pending) >= 8:
            self._flush_to_disk()

    def _archive(self, name):
        """Copy the day file to the archive; runs on a worker thread."""
        src = os.path.join(self.folder, "daybook.jsonl")
        dst = os.path.join(self.folder, name)
        with open(src) as fin, open(dst, "w") as fout:
            fout.write(fin.read())
        time.sleep(self.archive_latency)  # ok: GIL004
        return os.path.getsize(dst)

    async def archive(self, name):
        return await asyncio.to_thread(self._archive, name)


async def read_lines(loop, sock):
    """Async generator over newline-terminated records from a non-blocking socket."""
    buffer = b""
    while True:
        chunk = await loop.sock_recv(sock, 4096)  # ok: GIL004
        if not chunk:
            break
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            yield line
    if buffer:
        yield buffer


async def await_porter_notice(porter_sock):
    """Wait for the porter's 'gates closed' notice on a blocking socket."""
    reply = porter_sock.recv(64)  # expect: GIL004
    return reply.decode().strip()


def porter_desk(sock, closing_after):
    """The porter walks the bounds, then reports that the gates are shut."""
    time.sleep(closing_after)
    sock.sendall(b"gates closed")
    sock.close()


async def run_lodge(folder, settings):
    loop = asyncio.get_running_loop()
    lodge_end, terminal_end = socket.socketpair()
    lodge_end.setblocking(False)
    logger_end, porter_end = socket.socketpair()
    feeder = threading.Thread(
        target=terminal_feed,
        args=(terminal_end, settings["visitors"], settings["arrival_gap_s"]),
        name="lodge-terminal",
    )
    porter = threading.Thread(target=porter_desk, args=(porter_end, 0.01), name="porter")
    feeder.start()
    porter.start()
    book = DayBook(folder, **settings)
    async for raw in read_lines(loop, lodge_end):
        book.add(SignIn.parse(raw))
        await book.checkpoint()
    book._flush_to_disk()
    size = await book.archive("archive-day1.jsonl")
    confirmation = await await_porter_notice(logger_end)
    for s in (lodge_end, logger_end):
        s.close()
    return book, size, confirmation, (feeder, porter)


def main():
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="gatelog-") as folder:
        started = time.perf_counter()
        book, size, confirmation, helpers = asyncio.run(run_lodge(folder, SETTINGS))
        for helper in helpers:
            helper.join()
        elapsed = time.perf_counter() - started
    print(f"logged {len(book.entries)} visitors for {len(book.by_host)} hosts")
    print(f"archive {size} bytes; porter says '{confirmation}'; {elapsed:.2f}s")


if __name__ == "__main__":
    main()
