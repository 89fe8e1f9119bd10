"""Two seismometer channels arrive over socket pairs; one asyncio reader uses a blocking recv()."""
import asyncio
import math
import socket
import struct
import threading
import time

SAMPLES = 50                      # samples per packet
PACKET = 8 + 4 * SAMPLES          # timestamp + 50 int32 counts
PACKETS = 40                      # one every 10 ms -> 0.4 s of data per channel
PERIOD = 0.010


def digitizer(sock, phase):
    for n in range(PACKETS):  # ok: GIL001
        counts = [int(800 * math.sin(phase + (n * SAMPLES + i) / 9)) for i in range(SAMPLES)]
        sock.sendall(struct.pack(f"<d{SAMPLES}i", time.time(), *counts))
        time.sleep(PERIOD)  # ok: GIL004
    sock.close()


def read_packet(sock):
    buf = b""
    while len(buf) < PACKET:
        chunk = sock.recv(PACKET - len(buf))  # expect: GIL004
        if not chunk:
            raise ConnectionError("digitizer closed")
        buf += chunk
    return struct.unpack(f"<d{SAMPLES}i", buf)[1:]


async def ingest_blocking(sock):
    peaks = []
    for _ in range(PACKETS):
        peaks.append(max(abs(c) for c in read_packet(sock)))
        await asyncio.sleep(0)
    return peaks


async def ingest_async(sock):
    loop = asyncio.get_running_loop()
    peaks = []
    for _ in range(PACKETS):
        buf = b""
        while len(buf) < PACKET:
            buf += await loop.sock_recv(sock, PACKET - len(buf))  # ok: GIL004
        peaks.append(max(abs(c) for c in struct.unpack(f"<d{SAMPLES}i", buf)[1:]))
    return peaks


async def heartbeat(lags, stop):
    while not stop.is_set():
        t0 = time.perf_counter()
        await asyncio.sleep(0.002)  # ok: GIL004
        lags.append(time.perf_counter() - t0 - 0.002)


async def run(blocking):
    ours, theirs = socket.socketpair()
    ours.setblocking(blocking)
    feeder = threading.Thread(target=digitizer, args=(theirs, 0.3 if blocking else 1.1))
    feeder.start()
    stop, lags = asyncio.Event(), []
    beat = asyncio.create_task(heartbeat(lags, stop))
    peaks = await (ingest_blocking(ours) if blocking else ingest_async(ours))
    stop.set()
    await beat
    feeder.join()
    ours.close()
    return max(peaks), max(lags) * 1000


if __name__ == "__main__":
    for mode in (False, True):
        peak, lag = asyncio.run(run(mode))
        label = "blocking recv()" if mode else "loop.sock_recv()"
        print(f"{label:>17}: peak {peak} counts, worst event-loop lag {lag:.1f} ms")
