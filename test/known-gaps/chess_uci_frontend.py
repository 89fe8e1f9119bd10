"""Asyncio front end that speaks a UCI subset to a chess GUI.

The GUI side is emulated by a thread writing commands into one end of a socket
pair; the front end reads them on the event loop, keeps the engine options in
an ``EngineSession`` shared with the search threads, and answers ``go`` with a
canned best move after waiting out the requested ponder time.
"""
from __future__ import annotations

import asyncio
import logging
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional

log = logging.getLogger("uci.frontend")

DEFAULT_OPTIONS = {"Hash": "16", "Threads": "1", "Ponder": "false", "MultiPV": "1"}


@dataclass
class EngineSession:
    """Option store shared by the protocol loop and the search threads."""

    options: Dict[str, str] = field(default_factory=lambda: dict(DEFAULT_OPTIONS))
    position: List[str] = field(default_factory=list)
    _state_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def set_option(self, name: str, value: str) -> bool:
        self._state_lock.acquire()  # expect: GIL005
        if name not in self.options:
            log.warning("unknown option %s", name)
            return False
        self.options[name] = value
        self._state_lock.release()
        return True

    def snapshot(self) -> Dict[str, str]:
        self._state_lock.acquire()  # ok: GIL005
        try:
            return dict(self.options)
        finally:
            self._state_lock.release()

    def try_set_position(self, moves: List[str]) -> bool:
        if not self._state_lock.acquire(timeout=0.2):  # ok: GIL005
            return False
        try:
            self.position = list(moves)
            return True
        finally:
            self._state_lock.release()


def load_opening_book(path: str) -> Dict[str, str]:
    """Parse the book file; the real one sits on a slow network share."""
    book: Dict[str, str] = {}
    with open(path, encoding="ascii") as fh:
        for line in fh:
            key, _, reply = line.strip().partition(" ")
            book[key] = reply
    time.sleep(0.05)  # ok: GIL004
    return book


def wait_for_ponderhit(budget_ms: int) -> None:
    """Legacy helper kept from the synchronous front end."""
    deadline = time.monotonic() + budget_ms / 1000.0
    while time.monotonic() < deadline:
        time.sleep(0.005)  # expect: GIL004


def read_line_blocking(sock: socket.socket, buffer: bytearray) -> str:
    while b"\n" not in buffer:
        chunk = sock.recv(4096)  # expect: GIL004
        if not chunk:
            break
        buffer.extend(chunk)
    line, _, rest = bytes(buffer).partition(b"\n")
    buffer[:] = rest
    return line.decode().strip()


class UciFrontend:
    def __init__(self, session: EngineSession, sock: socket.socket, book: Dict[str, str]) -> None:
        self.session = session
        self.sock = sock
        self.book = book
        self.replies: List[str] = []
        self._buffer = bytearray()

    async def handle(self, line: str) -> bool:
        word, _, rest = line.partition(" ")
        if word == "uci":
            self.replies.extend(["id name TrainerEngine", "uciok"])
        elif word == "setoption":
            _, name, _, value = rest.split(" ")
            self.session.set_option(name, value)
        elif word == "position":
            self.session.try_set_position(rest.split()[2:])
        elif word == "go":
            budget = int(rest.split()[1])
            wait_for_ponderhit(budget)
            key = ",".join(self.session.position) or "startpos"
            self.replies.append(f"bestmove {self.book.get(key, 'e2e4')}")
        elif word == "quit":
            return False
        return True

    async def serve(self) -> None:
        running = True
        while running:
            line = read_line_blocking(self.sock, self._buffer)
            if not line:
                break
            running = await self.handle(line)
            await asyncio.sleep(0)  # ok: GIL004


def gui_emulator(sock: socket.socket, script: List[str], pause: float) -> None:
    """Plays the GUI: sends one command every ``pause`` seconds."""
    for command in script:
        sock.sendall((command + "\n").encode())
        time.sleep(pause)  # ok: GIL004
    sock.close()


async def run_session(book_path: str) -> List[str]:
    book = await asyncio.to_thread(load_opening_book, book_path)
    engine_end, gui_end = socket.socketpair()
    script = [
        "uci",
        "setoption name Hash value 64",
        "setoption name Threads value 2",
        "position startpos moves e2e4 e7e5",
        "go movetime 40",
        "position startpos moves d2d4",
        "go movetime 30",
        "quit",
    ]
    gui = threading.Thread(target=gui_emulator, args=(gui_end, script, 0.01), name="gui")
    gui.start()
    frontend = UciFrontend(EngineSession(), engine_end, book)
    try:
        await frontend.serve()
    finally:
        gui.join()
        engine_end.close()
    log.info("options now %s", frontend.session.snapshot())
    return frontend.replies


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(name)s %(message)s")
    with tempfile.NamedTemporaryFile("w", suffix=".book", delete=False) as fh:
        fh.write("startpos e2e4\n")
        fh.write("e2e4,e7e5 g1f3\n")
        fh.write("d2d4 d7d5\n")
        book_file = fh.name
    started = time.perf_counter()
    replies = asyncio.run(run_session(book_file))
    for reply in replies:
        print(reply)
    print(f"session took {time.perf_counter() - started:.2f}s")
