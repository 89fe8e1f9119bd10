"""Ship finished application logs to a collector in batches from asyncio tasks (with blocking mistakes)."""
import asyncio
import os
import socket
import tempfile
import threading
import time
import zlib

LOG_FILES = 4
LINES_PER_FILE = 2_000
BATCH_LINES = 250
THROTTLE_S = 0.01

shipped_lines = 0
shipped_batches = 0


def collector(conn):
    """Stands in for the remote collector: acknowledges every batch it receives."""
    buf = b""
    while True:  # ok: GIL001
        chunk = conn.recv(65536)
        if not chunk:
            break
        buf += chunk
        while b"\n\n" in buf:  # ok: GIL001
            _, buf = buf.split(b"\n\n", 1)
            conn.sendall(b"ACK\n")


def wait_until_stable(path, checks=3):
    """Wait until the writer has stopped growing the file."""
    size = -1
    for _ in range(checks):
        current = os.path.getsize(path)
        if current == size:
            return current
        size = current
        time.sleep(0.005)  # expect: GIL004
    return size


def archive(path):
    with open(path, "rb") as fh:
        data = fh.read()
    with open(path + ".z", "wb") as fh:
        fh.write(zlib.compress(data, 6))
    for attempt in range(3):
        try:
            os.remove(path)
            return
        except PermissionError:         # a log viewer still has it open
            time.sleep(0.05 * (attempt + 1))  # ok: GIL004


async def ship(path, sock, sock_lock):
    global shipped_lines, shipped_batches
    wait_until_stable(path)
    with open(path) as fh:
        lines = fh.readlines()
    for start in range(0, len(lines), BATCH_LINES):
        batch = "".join(lines[start:start + BATCH_LINES]).encode() + b"\n"
        async with sock_lock:
            sock.sendall(batch)  # expect: GIL004
            ack = sock.recv(4)  # expect: GIL004
        assert ack == b"ACK\n"
        shipped_lines += len(lines[start:start + BATCH_LINES])  # ok: GIL002
        shipped_batches += 1  # ok: GIL002
        time.sleep(THROTTLE_S)  # expect: GIL004
    await asyncio.to_thread(archive, path)
    await asyncio.sleep(0)  # ok: GIL004


async def main(logdir):
    ours, theirs = socket.socketpair()
    threading.Thread(target=collector, args=(theirs,), daemon=True).start()
    lock = asyncio.Lock()
    paths = sorted(os.path.join(logdir, n) for n in os.listdir(logdir))
    start = time.perf_counter()
    await asyncio.gather(*(ship(p, ours, lock) for p in paths))
    ours.close()
    print(f"shipped {shipped_lines} lines in {shipped_batches} batches "
          f"in {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="applogs-") as logdir:
        for i in range(LOG_FILES):
            with open(os.path.join(logdir, f"worker-{i}.log"), "w") as fh:
                for j in range(LINES_PER_FILE):
                    fh.write(f"2024-12-02T10:00:{j % 60:02d}Z worker-{i} INFO handled request {j}\n")
        asyncio.run(main(logdir))
