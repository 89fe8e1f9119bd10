"""Occupancy dashboard for a parking garage: reads sensor frames and rate cards asynchronously."""
import asyncio
import json
import pathlib
import socket
import tempfile
import threading
import time
import urllib.request


def sensor_feed(sock, level, frames):
    for n in range(frames):  # ok: GIL001
        sock.sendall(f"{level}:{20 - n * 3}\n".encode())
        time.sleep(0.01)
    sock.close()


async def load_rate_card(path):
    with urllib.request.urlopen(path.as_uri()) as resp:  # expect: GIL004
        body = resp.read()
    return json.loads(body)


async def load_rate_card_offloaded(loop, path):
    raw = await loop.run_in_executor(None, urllib.request.urlopen, path.as_uri())  # ok: GIL004
    with raw:
        return json.loads(raw.read())


async def poll_blocking(sock, readings):
    while True:
        data = sock.recv(1024)  # expect: GIL004
        if not data:
            return
        for line in data.decode().split():
            level, free = line.split(":")
            readings[level] = int(free)
        await asyncio.sleep(0)


async def poll_nonblocking(loop, sock, readings):
    while True:
        data = await loop.sock_recv(sock, 1024)  # ok: GIL004
        if not data:
            return
        for line in data.decode().split():
            level, free = line.split(":")
            readings[level] = int(free)


async def main():
    loop = asyncio.get_running_loop()
    tmp = pathlib.Path(tempfile.mkdtemp()) / "rates.json"
    tmp.write_text(json.dumps({"hourly": 4.0, "daily_max": 28.0}))
    a_in, a_out = socket.socketpair()
    b_in, b_out = socket.socketpair()
    b_in.setblocking(False)
    feeds = [threading.Thread(target=sensor_feed, args=(a_out, "P1", 5)),
             threading.Thread(target=sensor_feed, args=(b_out, "P2", 5))]
    for f in feeds:
        f.start()
    readings = {}
    card, card2, *_ = await asyncio.gather(
        load_rate_card(tmp), load_rate_card_offloaded(loop, tmp),
        poll_blocking(a_in, readings), poll_nonblocking(loop, b_in, readings))
    for f in feeds:
        f.join()
    a_in.close()
    b_in.close()
    print("rate card:", card, "same via executor:", card == card2)
    print("latest free spots:", readings)


if __name__ == "__main__":
    asyncio.run(main())
