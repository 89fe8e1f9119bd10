"""Anti-cheat telemetry service: asyncio front end, thread pool for aim heuristics and hashing."""
import asyncio
import hashlib
import random
import socket
import struct
import time
from concurrent.futures import ThreadPoolExecutor


def throttle_client(client_id, strikes):
    if strikes.get(client_id, 0) > 2:
        time.sleep(0.005)  # expect: GIL004


def aim_snap_score(samples):
    snaps, prev = 0, samples[0]
    for cur in samples[1:]:  # expect: GIL001
        dx, dy = cur[0] - prev[0], cur[1] - prev[1]
        if dx * dx + dy * dy > 450.0:
            snaps += 1
        prev = cur
    return snaps / len(samples)


def fingerprint_demo(chunks):
    digest = hashlib.sha256()
    for chunk in chunks:  # ok: GIL001
        digest.update(chunk)
    return digest.hexdigest()[:16]


async def read_frame(sock):
    header = sock.recv(4)  # expect: GIL004
    (length,) = struct.unpack("!I", header)
    return sock.recv(length)  # expect: GIL004


async def read_frame_async(loop, sock):
    header = await loop.sock_recv(sock, 4)  # ok: GIL004
    return await loop.sock_recv(sock, struct.unpack("!I", header)[0])


async def review(client_id, samples, loop, pool, strikes, verdicts):
    throttle_client(client_id, strikes)
    score = await loop.run_in_executor(pool, aim_snap_score, samples)
    if score > 0.05:
        strikes[client_id] = strikes.get(client_id, 0) + 1  # ok: GIL002
    verdicts[client_id] = round(score, 4)


async def main():
    loop = asyncio.get_running_loop()
    rng = random.Random(5)
    blocking_rx, tx = socket.socketpair()
    async_rx, tx2 = socket.socketpair()
    async_rx.setblocking(False)
    for s in (tx, tx2):
        for cid in range(4):
            payload = f"client-{cid}".encode()
            s.sendall(struct.pack("!I", len(payload)) + payload)
    clients = [(await read_frame(blocking_rx)).decode() for _ in range(4)]
    clients += [(await read_frame_async(loop, async_rx)).decode() for _ in range(4)]
    strikes, verdicts = {"client-3": 3}, {}
    traces = {c: [(rng.random() * 24 - 12, rng.random() * 24 - 12) for _ in range(120_000)] for c in clients[:4]}
    with ThreadPoolExecutor(max_workers=2) as pool:
        await asyncio.gather(*(review(c, s, loop, pool, strikes, verdicts) for c, s in traces.items()))
    demo = [bytes([i]) * (1 << 20) for i in range(8)]
    fp = await asyncio.to_thread(fingerprint_demo, demo)
    print(f"clients {clients}")
    print(f"verdicts {verdicts}; strikes {strikes}; demo fingerprint {fp}")
    for s in (blocking_rx, tx, async_rx, tx2):
        s.close()


if __name__ == "__main__":
    t0 = time.perf_counter()
    asyncio.run(main())
    print(f"done in {time.perf_counter() - t0:.2f}s")
