#!/usr/bin/env python3
"""Receive raw float samples over a socket pair, downsample them in an executor, checksum the result."""
import array
import asyncio
import hashlib
import math
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

N_SAMPLES = 60000


def feeder(sock, samples, chunk=4096):
    raw = samples.tobytes()
    for off in range(0, len(raw), chunk):  # ok: GIL001
        sock.sendall(raw[off:off + chunk])
    sock.shutdown(socket.SHUT_WR)


def bucket_means(values, bucket):
    out = []
    for start in range(0, len(values), bucket):  # expect: GIL001
        seg = values[start:start + bucket]
        out.append(sum(seg) / len(seg))
    return out


def throttle():
    time.sleep(0.01)  # expect: GIL004


async def read_blocking(sock, expected):
    buf = bytearray()
    while len(buf) < expected:
        part = sock.recv(65536)  # expect: GIL004
        if not part:
            break
        buf += part
    return array.array("d", bytes(buf))


async def read_async(sock, expected):
    loop = asyncio.get_running_loop()
    buf = bytearray()
    while len(buf) < expected:
        part = await loop.sock_recv(sock, 65536)  # ok: GIL004
        if not part:
            break
        buf += part
    return array.array("d", bytes(buf))


async def process(name, reader, samples, pool):
    a, b = socket.socketpair()
    if reader is read_async:
        b.setblocking(False)
    t = threading.Thread(target=feeder, args=(a, samples), daemon=True)
    t.start()
    values = await reader(b, len(samples) * samples.itemsize)
    throttle()
    loop = asyncio.get_running_loop()
    reduced = await loop.run_in_executor(pool, bucket_means, values, 100)
    await asyncio.sleep(0)  # ok: GIL004
    await asyncio.to_thread(t.join)
    a.close()
    b.close()
    digest = hashlib.sha256(array.array("d", reduced).tobytes()).hexdigest()
    return name, len(values), len(reduced), digest[:16]


async def main():
    samples = array.array("d", (math.sin(i / 500) + 0.1 * math.cos(i / 7) for i in range(N_SAMPLES)))
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = await asyncio.gather(process("blocking", read_blocking, samples, pool),
                                       process("nonblocking", read_async, samples, pool))
    for name, n_in, n_out, digest in results:
        print(f"{name:12s} {n_in} -> {n_out} samples, sha256 {digest}")


if __name__ == "__main__":
    asyncio.run(main())
