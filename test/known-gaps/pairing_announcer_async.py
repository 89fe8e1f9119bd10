"""Round announcer: publish a released round to the hall display board and the live web feed.

When the chief arbiter releases the pairings of a round, every board is shown
on the LED display in the hall (through the vendor's synchronous driver, which
waits for the controller's READY frame) and pushed to the live web feed.
Disputes raised during the round go to the arbiter log.
"""
from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from dataclasses import dataclass
from typing import List, Optional, Tuple

log = logging.getLogger("swiss.announcer")

DISPLAY = {"frame_period": 0.002, "frames": 40}


@dataclass(frozen=True)
class Board:
    number: int
    white: str
    black: str
    forfeit: bool = False

    def headline(self, round_no: int) -> str:
        return f"R{round_no} B{self.number}: {self.white} - {self.black}"


class DisplayController(threading.Thread):
    """Stand-in for the LED display controller: sends a READY frame every refresh."""

    def __init__(self, sock: socket.socket, frames: int, period: float) -> None:
        super().__init__(name="display-ctl", daemon=True)
        self._sock, self._frames, self._period = sock, frames, period

    def run(self) -> None:
        for _ in range(self._frames):
            time.sleep(self._period)  # ok: GIL004
            try:
                self._sock.sendall(b"READY\n")
            except OSError:
                break
        self._sock.close()


class HallDisplay:
    """The vendor's display driver (synchronous)."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self.shown: List[str] = []

    def wait_ready(self) -> bool:
        return bool(self._sock.recv(16))  # expect: GIL004

    def show(self, text: str) -> None:
        self.shown.append(text)


def feed_server(sock: socket.socket) -> None:
    """Stand-in for the web feed relay: acknowledges every line."""
    with sock:
        buf = b""
        while chunk := sock.recv(1024):  # ok: GIL004
            buf += chunk
            while b"\n" in buf:
                _, buf = buf.split(b"\n", 1)
                sock.sendall(b"OK\n")


class WebFeed:
    def __init__(self, sock: socket.socket) -> None:
        sock.setblocking(False)
        self._sock = sock
        self._lock = asyncio.Lock()
        self.acked = 0

    async def publish(self, text: str) -> bool:
        loop = asyncio.get_running_loop()
        async with self._lock:
            await loop.sock_sendall(self._sock, text.encode() + b"\n")
            ack = await loop.sock_recv(self._sock, 16)  # ok: GIL004
        self.acked += ack.startswith(b"OK")
        return ack.startswith(b"OK")


class ArbiterLog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.entries: List[Tuple[int, str]] = []
        self.forfeits: List[int] = []

    def record_dispute(self, board: Board, note: str) -> str:
        self._lock.acquire()  # expect: GIL005
        if board.forfeit:
            self.forfeits.append(board.number)
            return "forfeit"
        self.entries.append((board.number, note))
        self._lock.release()
        return "logged"

    def try_amend(self, number: int, note: str) -> bool:
        if not self._lock.acquire(blocking=False):  # ok: GIL005
            return False
        try:
            self.entries = [(n, note if n == number else old) for n, old in self.entries]
            return True
        finally:
            self._lock.release()


class RoundAnnouncer:
    def __init__(self, display: HallDisplay, feed: WebFeed, arbiter: ArbiterLog) -> None:
        self._display, self._feed, self._arbiter = display, feed, arbiter

    async def announce(self, round_no: int, boards: List[Board]) -> int:
        published = 0
        for board in boards:
            if self._display.wait_ready():
                self._display.show(board.headline(round_no))
            published += await self._feed.publish(board.headline(round_no))
        return published

    async def disputes(self, raised: List[Tuple[Board, str]]) -> List[str]:
        return list(await asyncio.gather(
            *(asyncio.to_thread(self._arbiter.record_dispute, board, note) for board, note in raised)))


def make_boards(round_no: int, count: int) -> List[Board]:
    return [Board(n + 1, f"W{round_no}{n:02d}", f"B{round_no}{n:02d}") for n in range(count)]


async def main(round_no: int = 6, count: int = 24) -> None:
    display_ours, display_theirs = socket.socketpair()
    feed_ours, feed_theirs = socket.socketpair()
    controller = DisplayController(display_theirs, DISPLAY["frames"], DISPLAY["frame_period"])
    relay = threading.Thread(target=feed_server, args=(feed_theirs,), daemon=True)
    controller.start()
    relay.start()

    arbiter = ArbiterLog()
    announcer = RoundAnnouncer(HallDisplay(display_ours), WebFeed(feed_ours), arbiter)
    boards = make_boards(round_no, count)
    started = time.perf_counter()
    published = await announcer.announce(round_no, boards)
    elapsed = time.perf_counter() - started
    outcomes = await announcer.disputes([(boards[3], "illegal move claim"),
                                         (boards[11], "phone rang")])
    amended = await asyncio.to_thread(arbiter.try_amend, 4, "illegal move claim rejected")

    feed_ours.close()
    display_ours.close()
    relay.join(timeout=1.0)
    controller.join(timeout=1.0)
    print(f"round {round_no}: published {published}/{len(boards)} boards in {elapsed:.3f}s")
    print(f"disputes: {outcomes}; amended={amended}; log={arbiter.entries}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
