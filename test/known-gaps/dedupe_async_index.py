#!/usr/bin/env python3
"""Async dedupe indexer: hashes on a thread pool, reports progress to a local index daemon."""
import asyncio
import hashlib
import os
import socket
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

stats = {"hashed": 0, "bytes": 0}
stats_lock = threading.Lock()


def seed(root):
    payloads = [os.urandom(3000 + 1000 * k) for k in range(5)]
    for i in range(25):
        with open(os.path.join(root, f"upload_{i:02}.bin"), "wb") as fh:
            fh.write(payloads[(i * 7) % 5] if i % 3 else os.urandom(2500))


def hash_file(path):
    with open(path, "rb") as fh:
        data = fh.read()
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    with stats_lock:
        stats["hashed"] += 1  # ok: GIL002
        stats["bytes"] += len(data)  # ok: GIL002
    return digest


def index_daemon(conn, received):
    conn.sendall(b"indexd 1.0 ready\n")
    buf = b""
    while True:  # ok: GIL001
        data = conn.recv(4096)
        if not data:
            break
        buf += data  # ok: GIL002
    received.extend(buf.decode().splitlines())
    conn.close()


def read_banner(sock):
    return sock.recv(64).decode().strip()  # expect: GIL004


async def build_index(root, pool):
    loop = asyncio.get_running_loop()
    client, server = socket.socketpair()
    received = []
    daemon = threading.Thread(target=index_daemon, args=(server, received), daemon=True)
    daemon.start()
    banner = read_banner(client)
    client.setblocking(False)
    names = sorted(os.listdir(root))
    digests = await asyncio.gather(
        *(loop.run_in_executor(pool, hash_file, os.path.join(root, n)) for n in names))
    index, dupes = {}, 0
    for name, digest in zip(names, digests):
        if digest not in index:  # ok: GIL003
            index[digest] = name
            await loop.sock_sendall(client, f"new {digest} {name}\n".encode())  # ok: GIL004
        else:
            dupes += 1  # ok: GIL002
            await loop.sock_sendall(client, f"dup {name} -> {index[digest]}\n".encode())  # ok: GIL004
    client.close()
    await asyncio.to_thread(daemon.join, 1.0)
    return banner, index, dupes, received


def main():
    with tempfile.TemporaryDirectory(prefix="dedupe-") as root, ThreadPoolExecutor(4) as pool:
        seed(root)
        banner, index, dupes, received = asyncio.run(build_index(root, pool))
        print(f"daemon said: {banner!r}; it logged {len(received)} records")
        print(f"{stats['hashed']} files hashed ({stats['bytes']} B): "
              f"{len(index)} unique, {dupes} duplicates")


if __name__ == "__main__":
    main()
