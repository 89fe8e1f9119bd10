#!/usr/bin/env python3
"""Internet-radio relay: reads the encoder's MP3 stream from a socket, fans it
out to listener queues, and reads ICY metadata from a side channel."""
import asyncio
import socket
import threading
import time

CHUNK = 4096
BITRATE_KBPS = 128


class Relay:
    def __init__(self):
        self.bytes_relayed = 0
        self.listeners = []


def throttle_to_bitrate(nbytes, kbps):
    time.sleep(nbytes * 8 / (kbps * 1000) / 50)  # expect: GIL004


def encoder_feed(sock, frames):
    for n in range(frames):  # ok: GIL001
        sock.sendall(bytes([0xFF, 0xFB]) + bytes([n % 256]) * (CHUNK - 2))
        time.sleep(0.001)
    sock.close()


def stats_reporter(relay, stop):
    while not stop.wait(0.05):  # ok: GIL001
        print(f"  [stats] relayed {relay.bytes_relayed / 1024:.0f} KiB")


async def pull_from_encoder(relay, sock):
    loop = asyncio.get_running_loop()
    while True:
        chunk = await loop.sock_recv(sock, CHUNK)  # ok: GIL004
        if not chunk:
            break
        relay.bytes_relayed += len(chunk)  # ok: GIL002
        for q in relay.listeners:
            q.put_nowait(chunk)
        throttle_to_bitrate(len(chunk), BITRATE_KBPS)
    for q in relay.listeners:
        q.put_nowait(None)


async def read_icy_metadata(sock):
    raw = sock.recv(256)  # expect: GIL004
    return dict(part.split("=", 1) for part in raw.decode().split(";") if part)


async def listener(name, q):
    received = 0
    while (chunk := await q.get()) is not None:
        received += len(chunk)
        await asyncio.sleep(0)  # ok: GIL004
    return name, received


async def main():
    relay = Relay()
    enc_in, enc_out = socket.socketpair()
    meta_in, meta_out = socket.socketpair()
    meta_out.sendall(b"StreamTitle=Kestrel Nine - Switchback;StreamUrl=radio.example;")
    enc_in.setblocking(False)
    feeder = threading.Thread(target=encoder_feed, args=(enc_out, 48), daemon=True)
    stop = threading.Event()
    reporter = threading.Thread(target=stats_reporter, args=(relay, stop))
    for _ in range(3):
        relay.listeners.append(asyncio.Queue())
    feeder.start()
    reporter.start()
    meta = await read_icy_metadata(meta_in)
    print(f"now playing: {meta['StreamTitle']}")
    results = await asyncio.gather(
        pull_from_encoder(relay, enc_in),
        *(listener(f"listener-{i}", q) for i, q in enumerate(relay.listeners)))
    stop.set()
    reporter.join()
    feeder.join()
    for name, n in results[1:]:
        print(f"{name}: {n} bytes")
    print(f"total relayed: {relay.bytes_relayed} bytes")
    for s in (enc_in, meta_in, meta_out):
        s.close()


if __name__ == "__main__":
    asyncio.run(main())
