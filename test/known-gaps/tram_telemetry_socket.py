"""Telemetry gateway between track balises and the tram control centre.

Balises report (balise id, tram id, speed) frames over stream sockets.  The
legacy balise has a synchronous driver: it transmits from its own thread and a
pump thread forwards its frames to the gateway.  The asyncio collector reads
the modern balise with loop.sock_recv, but the legacy feed is still read with a
plain blocking recv inside a coroutine.
"""
import asyncio
import functools
import socket
import struct
import threading
import time

FRAME = struct.Struct("!HHf")  # balise id, tram id, speed km/h
FRAMES = 20


class LegacyBalise:
    def __init__(self, sock):
        self.sock = sock

    def transmit(self, count, interval):
        for n in range(count):  # ok: GIL001
            self.sock.sendall(FRAME.pack(7, 200 + n % 4, 18.0 + n % 5))
            time.sleep(interval)
        self.sock.shutdown(socket.SHUT_WR)


class Pump:
    """Forwards raw bytes from one socket to another on its own thread."""

    def __init__(self, source, sink):
        self.source, self.sink = source, sink
        self.forwarded = 0
        self.thread = threading.Thread(target=self._run, name="legacy-pump")

    def _run(self):
        while True:  # ok: GIL001
            data = self.source.recv(4096)
            if not data:
                break
            self.sink.sendall(data)
            self.forwarded += len(data)  # ok: GIL002
        self.sink.shutdown(socket.SHUT_WR)


async def modern_balise(loop, sock, count):
    for n in range(count):
        await loop.sock_sendall(sock, FRAME.pack(12, 300 + n % 3, 24.0))
        await asyncio.sleep(0.004)


async def read_modern(loop, sock, count):
    buf = b""
    while len(buf) < count * FRAME.size:
        buf += await loop.sock_recv(sock, 4096)  # ok: GIL004
    return [FRAME.unpack_from(buf, i * FRAME.size) for i in range(count)]


async def read_legacy(sock):
    buf = b""
    while True:
        chunk = sock.recv(4096)  # expect: GIL004
        if not chunk:
            break
        buf += chunk
    return [FRAME.unpack_from(buf, i) for i in range(0, len(buf), FRAME.size)]


async def main():
    loop = asyncio.get_running_loop()
    balise_tx, pump_rx = socket.socketpair()
    pump_tx, gateway_rx = socket.socketpair()
    modern_tx, modern_rx = socket.socketpair()
    modern_tx.setblocking(False)
    modern_rx.setblocking(False)

    pump = Pump(pump_rx, pump_tx)
    legacy = threading.Thread(target=functools.partial(LegacyBalise(balise_tx).transmit,
                                                       FRAMES, 0.005), name="legacy-balise")
    pump.thread.start()
    legacy.start()
    sender = asyncio.create_task(modern_balise(loop, modern_tx, FRAMES))
    modern = await read_modern(loop, modern_rx, FRAMES)
    await sender
    legacy_frames = await read_legacy(gateway_rx)
    legacy.join()
    pump.thread.join()
    for s in (balise_tx, pump_rx, pump_tx, gateway_rx, modern_tx, modern_rx):
        s.close()
    return modern, legacy_frames, pump.forwarded


if __name__ == "__main__":
    modern, legacy_frames, forwarded = asyncio.run(main())
    print(f"modern balise: {len(modern)} frames, last {modern[-1]}")
    print(f"legacy balise: {len(legacy_frames)} frames via pump ({forwarded} bytes), "
          f"last {legacy_frames[-1]}")
