"""Bulk transfer over a socket pair: the receiver hashes as it reads; checksums are verified afterwards."""
import hashlib
import random
import socket
import threading
import time
from array import array

PAYLOAD_BYTES = 8 * 1024 * 1024
PIECE = 64 * 1024
SPOT_BYTES = 2_000_000          # the Python reference checksum only covers the first 2 MB


class Receiver:
    def __init__(self, sock):
        self.sock = sock
        self.digest = hashlib.sha256()
        self.buffer = bytearray()
        self.received = 0
        self.done = threading.Event()

    def run(self):
        while True:  # ok: GIL001
            chunk = self.sock.recv(PIECE)  # ok: GIL004
            if not chunk:
                break
            self.digest.update(chunk)
            self.buffer += chunk  # ok: GIL002
            self.received += len(chunk)  # ok: GIL002
        self.done.set()


def send_all(sock, payload):
    view = memoryview(payload)
    for offset in range(0, len(payload), PIECE):  # ok: GIL001
        sock.sendall(view[offset:offset + PIECE])
    sock.shutdown(socket.SHUT_WR)


def fold(total):
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def fast_checksum(data):
    words = array("H", data[: len(data) // 2 * 2])
    return fold(sum(words))  # ok: GIL001


def reference_checksum(data):
    total = 0
    for i in range(0, len(data) - 1, 2):  # ok: GIL001
        total += data[i] | (data[i + 1] << 8)
    return fold(total)


def verify(receiver, payload, results):
    receiver.done.wait()
    results["sha256"] = receiver.digest.hexdigest() == hashlib.sha256(payload).hexdigest()
    results["checksum"] = fast_checksum(bytes(receiver.buffer)) == fast_checksum(payload)


if __name__ == "__main__":
    payload = random.Random(5).randbytes(PAYLOAD_BYTES)
    left, right = socket.socketpair()
    receiver, results = Receiver(right), {}
    threads = [threading.Thread(target=receiver.run, name="rx"),
               threading.Thread(target=send_all, args=(left, payload), name="tx"),
               threading.Thread(target=verify, args=(receiver, payload, results), name="verify")]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    left.close()
    right.close()
    # one-off cross-check of the fast path against the textbook loop, in the main thread
    spot = reference_checksum(payload[:SPOT_BYTES]) == fast_checksum(payload[:SPOT_BYTES])
    print(f"received {receiver.received} bytes in {elapsed:.2f}s; sha256 ok={results['sha256']}, "
          f"checksum ok={results['checksum']}, reference agrees={spot}")
