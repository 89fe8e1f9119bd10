"""Async episode fetcher: a CDN-simulator thread streams audio chunks over socketpairs."""
import asyncio
import functools
import socket
import threading
import time

CHUNK = 4096
progress = {"sent": 0, "received": 0}


def cdn_stream(sock, episodes, chunks_per_episode):
    """Plain thread standing in for the CDN: pushes chunks at a steady rate."""
    payload = b"\x7f" * CHUNK
    for ep in episodes:  # ok: GIL001
        for _ in range(chunks_per_episode):
            sock.sendall(payload)
            progress["sent"] += CHUNK  # ok: GIL002
            time.sleep(0.002)  # ok: GIL004
    sock.shutdown(socket.SHUT_WR)


def parse_feed(show):
    time.sleep(0.05)  # ok: GIL004
    return [f"{show}-ep{i}" for i in range(3)]


async def receive_blocking(sock, nbytes):
    got = 0
    while got < nbytes:
        data = sock.recv(CHUNK)  # expect: GIL004
        if not data:
            break
        got += len(data)
        progress["received"] += len(data)  # ok: GIL002
        await asyncio.sleep(0)
    return got


async def receive_async(sock, nbytes):
    loop = asyncio.get_running_loop()
    got = 0
    while got < nbytes:
        data = await loop.sock_recv(sock, CHUNK)  # ok: GIL004
        if not data:
            break
        got += len(data)
    return got


async def heartbeat(stop):
    beats = 0
    while not stop.is_set():
        beats += 1
        await asyncio.sleep(0.01)
    return beats


async def main():
    loop = asyncio.get_running_loop()
    feeds = await asyncio.gather(*(loop.run_in_executor(None, functools.partial(parse_feed, s))
                                   for s in ("dev-talk", "night-owls")))
    episodes = [ep for feed in feeds for ep in feed]
    stop = asyncio.Event()
    hb = asyncio.create_task(heartbeat(stop))
    for label, receiver in (("blocking recv", receive_blocking), ("sock_recv", receive_async)):
        a, b = socket.socketpair()
        if receiver is receive_async:
            b.setblocking(False)
        sender = threading.Thread(target=cdn_stream, args=(a, episodes, 8))
        t0 = time.perf_counter()
        sender.start()
        got = await receiver(b, len(episodes) * 8 * CHUNK)
        await asyncio.to_thread(sender.join)
        a.close()
        b.close()
        print(f"{label}: {got} bytes in {time.perf_counter() - t0:.2f}s")
    stop.set()
    print(f"heartbeats while streaming: {await hb}; progress {progress}")


asyncio.run(main())
