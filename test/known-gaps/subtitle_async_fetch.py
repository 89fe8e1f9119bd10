"""Async subtitle fetch-and-shift service.

A subtitle provider (here an in-process feeder thread behind socket pairs)
streams SRT files; coroutines read them, shift every timestamp by the
per-release offset, and hand the result to the muxer.  Two transports exist:
the legacy blocking one and the loop-native one.
"""
from __future__ import annotations

import asyncio
import logging
import re
import socket
import threading
import time
from dataclasses import dataclass
from typing import Callable, Dict, List

log = logging.getLogger("subs.fetch")

FETCH_CONFIG = {"releases": 4, "cues": 80, "chunk_pause": 0.002, "rate_limit": 0.01}

TS = re.compile(r"(\d\d):(\d\d):(\d\d),(\d\d\d)")


def make_srt(cues: int, base_ms: int = 0) -> bytes:
    lines = []
    for i in range(cues):
        s, e = base_ms + i * 2500, base_ms + i * 2500 + 2000
        lines += [str(i + 1), f"{fmt(s)} --> {fmt(e)}", f"Line number {i + 1}", ""]
    return ("\n".join(lines) + "\n\0").encode()


def fmt(ms: int) -> str:
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def shift_srt(text: str, offset_ms: int) -> str:
    def repl(match):
        h, m, s, ms = map(int, match.groups())
        return fmt(max(0, ((h * 60 + m) * 60 + s) * 1000 + ms + offset_ms))
    return TS.sub(repl, text)


def feeder(sock: socket.socket, payload: bytes, pause: float) -> None:
    """Provider side: trickles the file in 1 KiB chunks."""
    with sock:
        for i in range(0, len(payload), 1024):
            sock.sendall(payload[i:i + 1024])
            time.sleep(pause)  # ok: GIL004


@dataclass
class Release:
    name: str
    offset_ms: int
    sock: socket.socket


class RateLimiter:
    """Provider allows one request per `interval` seconds."""

    def __init__(self, interval: float):
        self.interval = interval
        self.last = 0.0

    def wait_turn(self) -> None:
        delay = self.last + self.interval - time.monotonic()
        if delay > 0:
            time.sleep(delay)  # expect: GIL004
        self.last = time.monotonic()


class Transport:
    async def read_all(self, sock: socket.socket) -> bytes:
        raise NotImplementedError


class LegacyTransport(Transport):
    async def read_all(self, sock: socket.socket) -> bytes:
        buf = bytearray()
        while not buf.endswith(b"\0"):
            chunk = sock.recv(4096)  # expect: GIL004
            if not chunk:
                break
            buf += chunk
        return bytes(buf[:-1])


class LoopTransport(Transport):
    async def read_all(self, sock: socket.socket) -> bytes:
        loop = asyncio.get_running_loop()
        sock.setblocking(False)
        buf = bytearray()
        while not buf.endswith(b"\0"):
            chunk = await loop.sock_recv(sock, 4096)  # ok: GIL004
            if not chunk:
                break
            buf += chunk
        return bytes(buf[:-1])


def write_to_muxer(name: str, text: str, sink: Dict[str, int]) -> None:
    time.sleep(0.003)  # ok: GIL004
    sink[name] = text.count("-->")


async def process(release: Release, transport: Transport, limiter: RateLimiter,
                  sink: Dict[str, int]) -> None:
    limiter.wait_turn()
    raw = await transport.read_all(release.sock)
    shifted = shift_srt(raw.decode(), release.offset_ms)
    await asyncio.to_thread(write_to_muxer, release.name, shifted, sink)


def open_releases(cfg: dict, threads: List[threading.Thread]) -> List[Release]:
    releases = []
    for r in range(cfg["releases"]):
        ours, theirs = socket.socketpair()
        payload = make_srt(cfg["cues"], base_ms=r * 100)
        t = threading.Thread(target=feeder, args=(theirs, payload, cfg["chunk_pause"]), daemon=True)
        t.start()
        threads.append(t)
        releases.append(Release(f"release-{r}", offset_ms=-250 * (r + 1), sock=ours))
    return releases


async def run_batch(transport_factory: Callable[[], Transport], cfg: dict) -> Dict[str, int]:
    threads: List[threading.Thread] = []
    releases = open_releases(cfg, threads)
    limiter = RateLimiter(cfg["rate_limit"])
    sink: Dict[str, int] = {}
    transport = transport_factory()
    await asyncio.gather(*(process(r, transport, limiter, sink) for r in releases))
    for r in releases:
        r.sock.close()
    for t in threads:
        t.join()
    return sink


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    cfg = FETCH_CONFIG
    for label, factory in (("legacy", LegacyTransport), ("loop", LoopTransport)):
        start = time.perf_counter()
        sink = asyncio.run(run_batch(factory, cfg))
        elapsed = time.perf_counter() - start
        print(f"{label}: cues per release = {sorted(sink.values())} (expected {cfg['cues']} each)")
        print(f"{label}: wall = {elapsed:.3f}s")
    print(f"sample shift: {shift_srt('00:00:01,000 --> 00:00:03,000', -250)}")


if __name__ == "__main__":
    main()
