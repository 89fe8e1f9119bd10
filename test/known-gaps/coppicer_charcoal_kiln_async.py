"""Monitor a coppice-wood charcoal burn in two ring kilns.

Each steel ring kiln has a thermocouple box that streams fixed-size readings
over a socket.  An asyncio monitor reads both streams, decides when to close
the vents and logs the burn.  Kiln 1's box is read through the old
synchronous probe helper; kiln 2's through the event loop's socket API.  The
vent motors are driven by blocking calls sent to the default executor.
"""
import asyncio
import math
import socket
import struct
import threading
import time

RECORD = struct.Struct("!Id")  # sequence number, temperature in Celsius
READINGS_PER_KILN = 25
VENT_CLOSE_AT = 420.0


class BurnLog:
    """Shared by the thermocouple boxes and the vent-motor executor threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self.lines = []
        self.entries_written = 0

    def write(self, source, text):
        self._lock.acquire()  # ok: GIL005 -- released in finally; nothing between acquire and try
        try:
            self.lines.append(f"{time.monotonic():.3f} {source}: {text}")
            self.entries_written += 1  # ok: GIL002 -- the lock is held here
        finally:
            self._lock.release()


class ThermocoupleBox(threading.Thread):
    """Simulated field box: sends one reading every couple of milliseconds."""

    def __init__(self, kiln, sock, log, peak, period=0.002):
        super().__init__(name=f"box-{kiln}", daemon=True)
        self.kiln = kiln
        self.sock = sock
        self.log = log
        self.peak = peak
        self.period = period
        self.sent = 0

    def run(self):
        for seq in range(READINGS_PER_KILN):  # ok: GIL001 -- one small send and a 2 ms sleep per reading
            temp = self.peak * math.sin(math.pi * (seq + 1) / (READINGS_PER_KILN + 4)) + 15.0
            self.sock.sendall(RECORD.pack(seq, temp))
            self.sent += 1  # ok: GIL002 -- only this box thread writes its own counter
            time.sleep(self.period)
        self.log.write(self.kiln, f"box sent {self.sent} readings")
        self.sock.close()


def read_probe(sock):
    """Legacy helper: read one full record from a blocking socket."""
    buf = b""
    while len(buf) < RECORD.size:
        chunk = sock.recv(RECORD.size - len(buf))  # expect: GIL004 -- blocking recv, called from the coroutine watch_kiln_legacy()
        if not chunk:
            raise ConnectionError("thermocouple box went quiet")
        buf += chunk
    return RECORD.unpack(buf)


def adjust_vents(kiln, log, opening):
    time.sleep(0.01)  # ok: GIL004 -- runs in the default executor via run_in_executor, not on the loop
    log.write(kiln, f"vents set to {opening:.0%}")
    return opening


async def read_record_async(loop, sock):
    buf = b""
    while len(buf) < RECORD.size:
        chunk = await loop.sock_recv(sock, RECORD.size - len(buf))  # ok: GIL004 -- loop.sock_recv on a non-blocking socket yields
        if not chunk:
            raise ConnectionError("thermocouple box went quiet")
        buf += chunk
    return RECORD.unpack(buf)


def vent_opening(temp):
    if temp >= VENT_CLOSE_AT:
        return 0.1
    return 0.6 if temp > 250 else 1.0


async def watch_kiln_legacy(kiln, sock, log, history):
    loop = asyncio.get_running_loop()
    opening = 1.0
    for _ in range(READINGS_PER_KILN):
        seq, temp = read_probe(sock)
        history.append((kiln, seq, temp))
        wanted = vent_opening(temp)
        if wanted != opening:
            opening = await loop.run_in_executor(None, adjust_vents, kiln, log, wanted)
        await asyncio.sleep(0)


async def watch_kiln(kiln, sock, log, history):
    loop = asyncio.get_running_loop()
    opening = 1.0
    for _ in range(READINGS_PER_KILN):
        seq, temp = await read_record_async(loop, sock)
        history.append((kiln, seq, temp))
        wanted = vent_opening(temp)
        if wanted != opening:
            opening = await loop.run_in_executor(None, adjust_vents, kiln, log, wanted)


async def main():
    log = BurnLog()
    history = []
    kiln1_rx, kiln1_tx = socket.socketpair()
    kiln2_rx, kiln2_tx = socket.socketpair()
    kiln2_rx.setblocking(False)
    boxes = [ThermocoupleBox("kiln-1", kiln1_tx, log, peak=460.0),
             ThermocoupleBox("kiln-2", kiln2_tx, log, peak=430.0, period=0.003)]
    for box in boxes:
        box.start()
    started = time.perf_counter()
    try:
        await asyncio.gather(watch_kiln_legacy("kiln-1", kiln1_rx, log, history),
                             watch_kiln("kiln-2", kiln2_rx, log, history))
    finally:
        kiln1_rx.close()
        kiln2_rx.close()
    for box in boxes:
        box.join()
    elapsed = time.perf_counter() - started

    for kiln in ("kiln-1", "kiln-2"):
        temps = [t for k, _, t in history if k == kiln]
        print(f"{kiln}: {len(temps)} readings, peak {max(temps):.0f} C")
    print(f"burn log: {log.entries_written} entries in {elapsed:.2f}s")
    for line in log.lines[:4]:
        print("  " + line.split(" ", 1)[1])


if __name__ == "__main__":
    asyncio.run(main())
