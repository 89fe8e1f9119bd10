"""RFID gateway for tagged ants at a laboratory nest's four entrances.

An asyncio service drains the tag readers, smooths the resulting tracks in a
worker pool and writes the day's trace file off the event loop.  The
entrance readers speak a tiny binary protocol over a socket.
"""
import asyncio
import os
import socket
import struct
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

RECORD = struct.Struct("!IBH")  # tag id, entrance, millisecond offset


def drain_reader(sock, expected):
    """Read every pending tag record from one entrance reader."""
    events = []
    while len(events) < expected:
        chunk = sock.recv(RECORD.size * 8)  # expect: GIL004
        events.extend(RECORD.iter_unpack(chunk))
    return events


def smooth_tracks(events, window=25):
    """Moving-average of dwell times per tag: the detector jitters."""
    smoothed = {}
    for i in range(len(events) * 240):  # expect: GIL001
        tag, entrance, ms = events[i % len(events)]
        prev = smoothed.get(tag, float(ms))
        smoothed[tag] = prev + (ms - prev) / window
    return smoothed


def write_trace(path, smoothed):
    with open(path, "w", encoding="ascii") as fh:
        for tag, value in sorted(smoothed.items()):
            fh.write(f"{tag:08x},{value:.1f}\n")
            time.sleep(0.0005)  # ok: GIL004
    return os.path.getsize(path)


async def gather_entrance(sock, expected):
    await asyncio.sleep(0.01)  # ok: GIL004
    return drain_reader(sock, expected)


async def main(path, pool):
    pairs = [socket.socketpair() for _ in range(4)]
    loop = asyncio.get_running_loop()
    for entrance, (_, tx) in enumerate(pairs):
        tx.setblocking(False)
        replay = b"".join(RECORD.pack(0xA000 + (k % 40), entrance, k * 7 % 900)
                          for k in range(250))
        await loop.sock_sendall(tx, replay)  # ok: GIL004
    batches = await asyncio.gather(*(gather_entrance(rx, 250) for rx, _ in pairs))
    events = [e for batch in batches for e in batch]
    smoothed = await loop.run_in_executor(pool, smooth_tracks, events)
    size = await asyncio.to_thread(write_trace, path, smoothed)
    for rx, tx in pairs:
        rx.close()
        tx.close()
    return len(events), len(smoothed), size


if __name__ == "__main__":
    fd, trace_path = tempfile.mkstemp(suffix=".csv", prefix="rfid-")
    os.close(fd)
    trackers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="tracks")
    try:
        n_events, n_tags, size = asyncio.run(main(trace_path, trackers))
        print(f"{n_events} reads from {n_tags} tags, trace file {size} bytes")
    finally:
        trackers.shutdown(wait=True)
        os.remove(trace_path)
