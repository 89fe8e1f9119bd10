#!/usr/bin/env python3
"""Async order client multiplexing requests over a small pool of persistent sockets."""
import asyncio
import socket
import threading

POOL_SIZE = 3
echoed_bytes = 0
served_lock = threading.Lock()
served = {}


def backend_worker(sock, tag):
    """Backend half of a socketpair, serviced by a plain thread."""
    global echoed_bytes
    with sock:
        while True:  # ok: GIL001
            data = sock.recv(1024)  # ok: GIL004
            if not data:
                break
            echoed_bytes += len(data)  # expect: GIL002
            with served_lock:
                served[tag] = served.get(tag, 0) + 1  # ok: GIL002
            sock.sendall(b"ACK " + data)  # ok: GIL004


class SocketPool:
    def __init__(self):
        self._idle = asyncio.Queue()
        self._clients = []
        self._threads = []

    def open(self, size):
        for i in range(size):
            client, backend = socket.socketpair()
            client.setblocking(False)
            t = threading.Thread(target=backend_worker, args=(backend, f"backend-{i}"))
            t.start()
            self._threads.append(t)
            self._clients.append(client)
            self._idle.put_nowait(client)

    async def request(self, payload):
        loop = asyncio.get_running_loop()
        sock = await self._idle.get()
        try:
            await loop.sock_sendall(sock, payload)
            return await loop.sock_recv(sock, 1024)
        finally:
            self._idle.put_nowait(sock)

    async def health_check(self):
        sock = await self._idle.get()
        try:
            sock.setblocking(True)
            sock.sendall(b"ping")  # expect: GIL004
            reply = sock.recv(64)  # expect: GIL004
            sock.setblocking(False)
            return reply
        finally:
            self._idle.put_nowait(sock)

    def close(self):
        for client in self._clients:
            client.close()
        for t in self._threads:
            t.join(timeout=1.0)


async def main():
    pool = SocketPool()
    pool.open(POOL_SIZE)
    replies = await asyncio.gather(*(pool.request(f"order-{i}".encode()) for i in range(9)))
    probe = await pool.health_check()
    pool.close()
    print(f"replies={len(replies)} first={replies[0]!r} probe={probe!r}")
    print(f"echoed_bytes={echoed_bytes} served={dict(sorted(served.items()))}")


if __name__ == "__main__":
    asyncio.run(main())
