"""Podcast feed refresher.

An asyncio service walks the subscribed feeds, asks the (local) media edge
for each enclosure's headers, downloads cover art and stores ETags so the
next refresh can skip unchanged feeds.  The media edge is simulated by a
small socket server thread on a socketpair.
"""
import asyncio
import logging
import socket
import threading
import time
from dataclasses import dataclass
from typing import Dict, List, Optional

log = logging.getLogger("podcast.feeds")

REFRESH_CFG = {"polite_delay_s": 0.01, "artwork_latency_s": 0.03, "concurrency": 4}


@dataclass
class Feed:
    url: str
    title: str
    enclosure: str


class MediaEdgeServer(threading.Thread):
    """Answers `HEAD <path>` lines with a tiny header block until EOF."""

    def __init__(self, conn: socket.socket) -> None:
        super().__init__(name="media-edge", daemon=True)
        self.conn = conn
        self.served = 0

    def run(self) -> None:
        buf = b""
        while True:  # ok: GIL001
            chunk = self.conn.recv(4096)  # ok: GIL004
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                path = line.decode().split(" ", 1)[1]
                etag = f"W/{abs(hash(path)) % 10**8:08d}"
                self.conn.sendall(f"200 {etag} {len(path) * 1000}\n".encode())
                self.served += 1
        self.conn.close()


class EnclosureProbe:
    """Legacy synchronous probe: one request/response over a blocking socket."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    def headers(self, path: str) -> Dict[str, str]:
        self.sock.sendall(f"HEAD {path}\n".encode())
        data = b""
        while not data.endswith(b"\n"):
            data += self.sock.recv(256)  # expect: GIL004
        status, etag, length = data.decode().split()
        return {"status": status, "etag": etag, "length": length}


def polite_delay(seconds: float) -> None:
    """Don't hammer the same CDN: the old crawler slept between hosts."""
    time.sleep(seconds)  # expect: GIL004


def download_artwork(url: str, latency: float) -> bytes:
    time.sleep(latency)  # ok: GIL004
    return url.encode() * 64


class FeedRefresher:
    def __init__(self, probe: EnclosureProbe, notifier: socket.socket, **cfg) -> None:
        self.cfg = {**REFRESH_CFG, **cfg}
        self.probe = probe
        self.notifier = notifier
        self.etags: Dict[str, str] = {}
        self.artwork: Dict[str, int] = {}
        self.refreshed = 0
        self._probe_guard = asyncio.Lock()

    async def refresh(self, feed: Feed) -> Optional[str]:
        async with self._probe_guard:
            hdrs = self.probe.headers(feed.enclosure)
        if self.etags.get(feed.url) == hdrs["etag"]:  # ok: GIL003
            return None
        self.etags[feed.url] = hdrs["etag"]
        if feed.url not in self.artwork:
            art = await asyncio.to_thread(download_artwork, feed.url + "/cover.jpg",
                                          self.cfg["artwork_latency_s"])
            self.artwork[feed.url] = len(art)
        polite_delay(self.cfg["polite_delay_s"])
        self.refreshed += 1  # ok: GIL002
        return f"{feed.title}: {hdrs['length']} bytes, etag {hdrs['etag']}"

    async def refresh_all(self, feeds: List[Feed]) -> List[str]:
        sem = asyncio.Semaphore(self.cfg["concurrency"])

        async def one(feed: Feed) -> Optional[str]:
            async with sem:
                return await self.refresh(feed)

        results = await asyncio.gather(*(one(f) for f in feeds))
        return [r for r in results if r]

    async def announce(self, count: int) -> bytes:
        loop = asyncio.get_running_loop()
        await loop.sock_sendall(self.notifier, f"refreshed {count}\n".encode())
        return await loop.sock_recv(self.notifier, 64)  # ok: GIL004


async def ack_announcements(sock: socket.socket) -> None:
    loop = asyncio.get_running_loop()
    msg = await loop.sock_recv(sock, 64)
    await loop.sock_sendall(sock, b"ok " + msg)


async def main(feeds: List[Feed]) -> None:
    client, server = socket.socketpair()
    edge = MediaEdgeServer(server)
    edge.start()
    note_a, note_b = socket.socketpair()
    note_a.setblocking(False)
    note_b.setblocking(False)
    refresher = FeedRefresher(EnclosureProbe(client), note_a)
    t0 = time.perf_counter()
    for round_no in (1, 2):
        lines = await refresher.refresh_all(feeds)
        print(f"round {round_no}: {len(lines)} changed feeds in {time.perf_counter() - t0:.2f}s")
        for line in lines[:3]:
            print("  ", line)
    _, reply = await asyncio.gather(ack_announcements(note_b), refresher.announce(refresher.refreshed))
    print("notifier:", reply.decode().strip())
    client.shutdown(socket.SHUT_WR)
    edge.join(timeout=1.0)
    client.close()
    print(f"edge served {edge.served} HEAD requests")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    shows = ["morning-brief", "deep-dive", "tech-talk", "history-hour", "garden-gossip", "true-crime-ish"]
    subscribed = [Feed(f"https://feeds.example.invalid/{s}.xml", s.replace("-", " ").title(),
                       f"/media/{s}/latest.mp3") for s in shows]
    asyncio.run(main(subscribed))
