"""Async uploader that ships deduplicated chunks to the remote repository.

Chunks are compressed in a thread pool, then streamed to the repository over
a data connection.  The repository acknowledges each chunk on a separate ack
connection, read by a listener thread that returns the bytes to a quota gate
capping how much may be in flight.  The repository is a local thread here.
"""
import asyncio
import hashlib
import logging
import random
import socket
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger("uploader")


class QuotaGate:
    """Caps bytes in flight between the uploader and the repository."""

    def __init__(self, limit):
        self.limit = limit
        self._in_flight = 0
        self._lock = threading.Lock()

    def try_reserve(self, n):
        if not self._lock.acquire(blocking=False):  # ok: GIL005
            return False
        try:
            if self._in_flight + n > self.limit:  # ok: GIL003
                return False
            self._in_flight += n  # ok: GIL002
            return True
        finally:
            self._lock.release()

    def give_back(self, n):
        with self._lock:
            self._in_flight -= n


def wait_for_quota(gate, n, poll=0.002):
    """Poll until the gate admits ``n`` bytes (helper from the sync uploader)."""
    waited = 0
    while not gate.try_reserve(n):
        time.sleep(poll)  # expect: GIL004
        waited += 1
    return waited


class FakeRepository(threading.Thread):
    """Receives ``<digest> <size>\\n<payload>`` frames, verifies and acks them."""

    def __init__(self, data_sock, ack_sock):
        super().__init__(name="repository", daemon=True)
        self._data = data_sock.makefile("rb")
        self._ack = ack_sock
        self.stored = {}

    def run(self):
        while True:  # ok: GIL001
            header = self._data.readline()
            if not header:
                break
            digest, size = header.split()
            payload = self._data.read(int(size))
            raw = zlib.decompress(payload)
            ok = hashlib.sha256(raw).hexdigest().encode() == digest
            self.stored[digest] = len(payload)
            self._ack.sendall(b"%s %d %d\n" % (digest, len(payload), ok))
        self._ack.shutdown(socket.SHUT_WR)


class AckListener(threading.Thread):
    def __init__(self, sock, gate):
        super().__init__(name="ack-listener", daemon=True)
        self._sock = sock
        self._gate = gate
        self.acked = []

    def run(self):
        buffer = b""
        while True:
            data = self._sock.recv(4096)  # ok: GIL004
            if not data:
                return
            buffer += data
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                digest, size, ok = line.split()
                self._gate.give_back(int(size))
                self.acked.append((digest, ok == b"1"))


def make_chunks(count, size, seed=5):
    rng = random.Random(seed)
    words = [rng.randbytes(rng.randint(3, 9)) for _ in range(400)]
    return [b" ".join(rng.choice(words) for _ in range(size // 6))[:size] for _ in range(count)]


async def upload_all(chunks, gate, writer, executor):
    loop = asyncio.get_running_loop()
    stalls = 0
    for chunk in chunks:
        digest = hashlib.sha256(chunk).hexdigest().encode()
        payload = await loop.run_in_executor(executor, zlib.compress, chunk, 6)
        stalls += wait_for_quota(gate, len(payload))
        writer.write(b"%s %d\n" % (digest, len(payload)) + payload)
        await writer.drain()
    writer.write_eof()
    return stalls


async def amain(chunks):
    up_local, up_remote = socket.socketpair()
    ack_remote, ack_local = socket.socketpair()
    gate = QuotaGate(limit=32 * 1024)
    repo = FakeRepository(up_remote, ack_remote)
    listener = AckListener(ack_local, gate)
    repo.start()
    listener.start()

    _, writer = await asyncio.open_connection(sock=up_local)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="compress") as executor:
        stalls = await upload_all(chunks, gate, writer, executor)
    await asyncio.to_thread(listener.join)
    elapsed = time.perf_counter() - started
    writer.close()
    return repo, listener, stalls, elapsed


def main():
    logging.basicConfig(level=logging.WARNING)
    chunks = make_chunks(40, 48 * 1024)
    repo, listener, stalls, elapsed = asyncio.run(amain(chunks))
    raw_bytes = sum(len(c) for c in chunks)
    sent_bytes = sum(repo.stored.values())
    print("chunks acked = %d (expected %d), all verified: %s"
          % (len(listener.acked), len(chunks), all(ok for _, ok in listener.acked)))
    print("raw %d bytes -> sent %d bytes (%.0f%%)" % (raw_bytes, sent_bytes, 100.0 * sent_bytes / raw_bytes))
    print("quota stalls = %d, elapsed %.2fs" % (stalls, elapsed))


if __name__ == "__main__":
    main()
