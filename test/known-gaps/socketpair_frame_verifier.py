"""Receives length-prefixed frames over socket pairs and verifies their checksums."""
import queue
import socket
import struct
import threading
import zlib

frames_total = 0
arrival_order = []
order_lock = threading.Lock()
verdicts = queue.Queue()


def recv_exact(sock, n):
    data = b""
    while len(data) < n:  # ok: GIL001
        chunk = sock.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def adler32_pure(data):
    a, b = 1, 0
    for byte in data:  # expect: GIL001
        a = (a + byte) % 65521
        b = (b + a) % 65521
    return (b << 16) | a


def reader(sock, name):
    global frames_total
    while True:
        header = recv_exact(sock, 9)
        if header is None:
            break
        kind, length, expected = struct.unpack("!cII", header)
        payload = recv_exact(sock, length)
        frames_total += 1  # expect: GIL002
        order_lock.acquire()  # expect: GIL005
        if kind == b"X":
            break
        arrival_order.append(name)
        order_lock.release()
        verdicts.put((name, adler32_pure(payload) == expected))


def sender(sock, blobs):
    for blob in blobs:  # ok: GIL001
        sock.sendall(struct.pack("!cII", b"D", len(blob), zlib.adler32(blob)) + blob)
    sock.shutdown(socket.SHUT_WR)


def main():
    blobs = [bytes((i * 7 + j) % 256 for j in range(40_000)) for i in range(6)]
    pairs = [socket.socketpair() for _ in range(2)]
    threads = []
    for n, (left, right) in enumerate(pairs):
        threads.append(threading.Thread(target=reader, args=(right, f"link{n}")))
        threads.append(threading.Thread(target=sender, args=(left, blobs[n::2])))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for left, right in pairs:
        left.close()
        right.close()

    good = bad = 0
    while not verdicts.empty():
        _, ok = verdicts.get()
        good, bad = (good + 1, bad) if ok else (good, bad + 1)
    print(f"frames={frames_total} good={good} bad={bad} order={arrival_order}")


if __name__ == "__main__":
    main()
