"""Offline-cache sync for a music player: pull playlist chunks from the library.

The library server (two threads here, standing in for the daemon on the home
NAS) answers a manifest request on a control socket and streams compressed
playlist chunks on a data socket.  The player's sync client is asyncio based;
chunk inflation and checksum verification run in a thread pool.
"""
from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import logging
import socket
import struct
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger("sync")

CHUNK_COUNT = 8
TRACKS_PER_CHUNK = 6000


def make_chunk(n: int) -> bytes:
    lines = [f'{{"id": "trk-{n}-{i}", "title": "Title {i % 977}", "artist": "Artist {i % 89}",'
             f' "ms": {150000 + (i * 7919) % 120000}}}' for i in range(TRACKS_PER_CHUNK)]
    return ("\n".join(lines) + "\n").encode()


class LibraryServer:
    def __init__(self, chunks: dict[str, bytes]):
        self.raw = chunks
        self.blobs: dict[str, bytes] = {}
        self.ready = threading.Event()

    def serve_manifest(self, sock: socket.socket) -> None:
        self.ready.wait()
        with sock:
            request = sock.recv(64)
            if request.strip() == b"MANIFEST":
                manifest = {cid: {"sha256": hashlib.sha256(raw).hexdigest(),
                                  "size": len(raw)} for cid, raw in self.raw.items()}
                sock.sendall(json.dumps(manifest).encode())

    def serve_chunks(self, sock: socket.socket) -> None:
        for cid, raw in self.raw.items():  # ok: GIL001
            self.blobs[cid] = zlib.compress(raw, 6)
        self.ready.set()
        with sock, sock.makefile("rb") as requests:
            for line in requests:
                cid = line.decode().split()[1]
                blob = self.blobs[cid]
                sock.sendall(struct.pack("!I", len(blob)) + blob)


def inflate_batch(blobs: dict[str, bytes], manifest: dict) -> dict[str, int]:
    """Runs in the pool: decompress and verify every chunk of a batch."""
    counts = {}
    for cid, blob in blobs.items():  # ok: GIL001
        data = zlib.decompress(blob)
        if hashlib.sha256(data).hexdigest() != manifest[cid]["sha256"]:
            raise ValueError(f"checksum mismatch in {cid}")
        counts[cid] = data.count(b"\n")
    return counts


class SyncClient:
    def __init__(self, ctrl: socket.socket, data: socket.socket, pool: ThreadPoolExecutor):
        self.ctrl = ctrl
        self.data = data
        self.data.setblocking(False)
        self.pool = pool

    async def fetch_manifest(self) -> dict:
        self.ctrl.sendall(b"MANIFEST\n")
        await asyncio.sleep(0)
        reply = self.ctrl.recv(65536)  # expect: GIL004
        return json.loads(reply)

    async def _recv_exact(self, n: int) -> bytes:
        loop = asyncio.get_running_loop()
        buf = bytearray()
        while len(buf) < n:
            part = await loop.sock_recv(self.data, n - len(buf))  # ok: GIL004
            if not part:
                raise ConnectionError("library closed the data channel")
            buf += part
        return bytes(buf)

    async def fetch_chunk(self, cid: str) -> bytes:
        loop = asyncio.get_running_loop()
        await loop.sock_sendall(self.data, f"GET {cid}\n".encode())
        (size,) = struct.unpack("!I", await self._recv_exact(4))
        return await self._recv_exact(size)

    async def sync(self) -> dict[str, int]:
        loop = asyncio.get_running_loop()
        manifest = await self.fetch_manifest()
        blobs = {}
        for cid in sorted(manifest):
            blobs[cid] = await self.fetch_chunk(cid)
        ids = sorted(blobs)
        halves = [{c: blobs[c] for c in ids[:len(ids) // 2]},
                  {c: blobs[c] for c in ids[len(ids) // 2:]}]
        results = await asyncio.gather(*(
            loop.run_in_executor(self.pool, functools.partial(inflate_batch, half, manifest))
            for half in halves))
        counts = {}
        for part in results:
            counts.update(part)
        return counts


def start_library(server: LibraryServer, ctrl_end: socket.socket,
                  data_end: socket.socket) -> list[threading.Thread]:
    threads = []
    for name, fn, sock in (("manifest", server.serve_manifest, ctrl_end),
                           ("chunks", server.serve_chunks, data_end)):
        t = threading.Thread(target=fn, args=(sock,), name=f"library-{name}", daemon=True)
        t.start()
        threads.append(t)
    return threads


def main() -> None:
    chunks = {f"chunk-{n:02d}": make_chunk(n) for n in range(CHUNK_COUNT)}
    server = LibraryServer(chunks)
    ctrl_client, ctrl_server = socket.socketpair()
    data_client, data_server = socket.socketpair()
    threads = start_library(server, ctrl_server, data_server)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="inflate") as pool:
        client = SyncClient(ctrl_client, data_client, pool)
        counts = asyncio.run(client.sync())
    elapsed = time.perf_counter() - started
    data_client.close()
    ctrl_client.close()
    for t in threads:
        t.join(timeout=1)

    total = sum(counts.values())
    ratio = sum(map(len, chunks.values())) / sum(map(len, server.blobs.values()))
    print(f"synced {len(counts)} chunks, {total} tracks "
          f"(expected {CHUNK_COUNT * TRACKS_PER_CHUNK}) in {elapsed:.2f}s, ratio {ratio:.1f}x")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    main()
