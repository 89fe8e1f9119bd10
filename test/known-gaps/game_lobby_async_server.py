"""Async lobby server: clients authenticate, create or join rooms, and chat.

The server runs on asyncio streams.  Authentication still goes through the legacy
session-token service (a synchronous client), lobby snapshots are persisted by a
blocking store off the loop, and ops can query the server over an admin socket.
Test clients are plain threads with blocking sockets, as in the load-test harness.
"""
import asyncio
import json
import logging
import os
import socket
import tempfile
import threading
import time
from typing import Dict, List, Set

log = logging.getLogger("lobby.server")


class TokenService:
    """Legacy auth client; every call is a blocking round trip."""

    def __init__(self, valid: Set[str]):
        self._valid = valid

    def verify(self, token: str) -> bool:
        time.sleep(0.004)  # expect: GIL004
        return token in self._valid


class SnapshotStore:
    """Writes lobby snapshots to disk; called through asyncio.to_thread."""

    def __init__(self, path: str):
        self.path = path
        self._file_lock = threading.Lock()
        self.saves = 0

    def save(self, snapshot: Dict[str, List[str]]) -> int:
        time.sleep(0.002)  # ok: GIL004
        self._file_lock.acquire()  # expect: GIL005
        payload = json.dumps(snapshot, sort_keys=True)
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(payload + "\n")
        self.saves += 1  # ok: GIL002
        self._file_lock.release()
        return len(payload)


class LobbyServer:
    def __init__(self, auth: TokenService, store: SnapshotStore, admin_sock: socket.socket):
        self.auth = auth
        self.store = store
        self.rooms: Dict[str, List[str]] = {}
        self._admin_sock = admin_sock
        self.commands = 0

    async def handle_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        hello = json.loads(await reader.readline())
        if not self.auth.verify(hello["token"]):
            writer.write(b'{"error": "unauthorized"}\n')
            await writer.drain()
            writer.close()
            return
        name = hello["name"]
        async for line in reader:
            cmd = json.loads(line)
            self.commands += 1  # ok: GIL002
            if cmd["op"] == "join":
                self.rooms.setdefault(cmd["room"], []).append(name)
                await asyncio.to_thread(self.store.save, {k: list(v) for k, v in self.rooms.items()})
                reply = {"ok": True, "room": cmd["room"], "members": self.rooms[cmd["room"]]}
            elif cmd["op"] == "chat":
                reply = {"ok": True, "echo": cmd["text"]}
            else:
                reply = {"ok": False, "error": f"unknown op {cmd['op']}"}
            writer.write(json.dumps(reply).encode() + b"\n")
            await writer.drain()
        writer.close()

    async def admin_console(self) -> str:
        """Answers one ops query; the admin socket is a plain blocking socket."""
        query = self._admin_sock.recv(1024).decode().strip()  # expect: GIL004
        answer = json.dumps({"query": query, "rooms": len(self.rooms), "commands": self.commands})
        self._admin_sock.sendall(answer.encode())
        return query


def client_session(sock: socket.socket, name: str, token: str, room: str, log_lines: List[str]):
    """Load-test client (runs in a thread): blocking socket I/O is fine here."""
    with sock, sock.makefile("rwb") as f:
        f.write(json.dumps({"name": name, "token": token}).encode() + b"\n")
        f.write(json.dumps({"op": "join", "room": room}).encode() + b"\n")
        f.write(json.dumps({"op": "chat", "text": f"gl hf from {name}"}).encode() + b"\n")
        f.flush()
        sock.shutdown(socket.SHUT_WR)
        for raw in f:  # ok: GIL001
            log_lines.append(raw.decode().strip())


async def main() -> None:
    tmp = tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False)
    tmp.close()
    admin_server_side, admin_client_side = socket.socketpair()
    tokens = {f"tok-{i}" for i in range(6)}
    server = LobbyServer(TokenService(tokens), SnapshotStore(tmp.name), admin_server_side)
    handlers, clients, transcript = [], [], []
    for i in range(8):
        srv_sock, cli_sock = socket.socketpair()
        reader, writer = await asyncio.open_connection(sock=srv_sock)
        handlers.append(asyncio.create_task(server.handle_client(reader, writer)))
        t = threading.Thread(target=client_session, name=f"client-{i}",
                             args=(cli_sock, f"player{i}", f"tok-{i}", f"room-{i % 3}", transcript))
        t.start()
        clients.append(t)
    await asyncio.gather(*handlers)
    admin_client_side.sendall(b"status\n")
    await server.admin_console()
    status = json.loads(admin_client_side.recv(1024))
    await asyncio.to_thread(lambda: [t.join() for t in clients])
    print(f"rooms {dict(sorted((k, len(v)) for k, v in server.rooms.items()))}, "
          f"commands {server.commands}, snapshots saved {server.store.saves}")
    print(f"client lines {len(transcript)}, unauthorized "
          f"{sum('unauthorized' in line for line in transcript)}, admin status {status}")
    os.unlink(tmp.name)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
