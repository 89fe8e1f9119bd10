#!/usr/bin/env python3
"""Tiny asyncio TCP service: a client sends a file name, the server answers with CRC32 and SHA-1."""
import asyncio
import hashlib
import os
import socket
import tempfile
import time
import zlib

RATE_DELAY = 0.005


def throttle():
    time.sleep(RATE_DELAY)  # expect: GIL004


def checksum_blocking(path):
    time.sleep(RATE_DELAY)  # ok: GIL004
    with open(path, "rb") as fh:
        data = fh.read()
    return zlib.crc32(data), hashlib.sha1(data).hexdigest()


async def handle(reader, writer):
    name = (await reader.readline()).decode().strip()
    if not name:
        writer.close()
        return
    throttle()
    crc, sha = await asyncio.to_thread(checksum_blocking, name)
    writer.write(f"{crc:08x} {sha}\n".encode())
    await writer.drain()
    writer.close()


async def liveness_probe(port):
    sock = socket.create_connection(("127.0.0.1", port), timeout=1)  # expect: GIL004
    sock.close()
    return True


async def request(port, path):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(path.encode() + b"\n")
    await writer.drain()
    reply = (await reader.readline()).decode().split()
    writer.close()
    await writer.wait_closed()
    return os.path.basename(path), reply


async def main(root):
    paths = []
    for i in range(6):
        path = os.path.join(root, f"blob{i}.bin")
        with open(path, "wb") as fh:
            fh.write(os.urandom(100_000 * (i + 1)))
        paths.append(path)
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        print("probe ok:", await liveness_probe(port))
        replies = await asyncio.gather(*(request(port, p) for p in paths))
        await asyncio.sleep(0.05)  # ok: GIL004
    for name, (crc, sha) in replies:
        print(f"{name}: crc32={crc} sha1={sha[:16]}...")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="cksvc_") as tmp:
        asyncio.run(main(tmp))
