"""Wind-gust monitor for an outdoor tightrope rig.

An anemometer thread streams fixed-size frames over a socketpair; the asyncio
event loop reads them, slackens the rig on strong gusts and, at the end,
calibrates the load cells in the default executor and resamples the gust series
with asyncio.to_thread.
"""
import asyncio
import functools
import logging
import math
import socket
import struct
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("tightrope.wind")

RIG = {
    "gusts": 40,
    "gust_gap_s": 0.002,
    "profile_points": 150_000,
    "settle_s": 0.004,
    "limit_ms": 10.5,
}

FRAME = struct.Struct("!If")


def gust_source(sock, count, gap):
    """Anemometer simulator: a plain thread writing one frame per reading."""
    for seq in range(count):  # ok: GIL001
        speed = 6.0 + 5.0 * math.sin(seq / 3.0)
        sock.sendall(FRAME.pack(seq, speed))
        time.sleep(gap)
    sock.shutdown(socket.SHUT_WR)


def smooth_profile(samples, points):
    """Resample the gust series onto a dense grid by linear interpolation."""
    if not samples:
        return []
    out = []
    n = len(samples)
    for i in range(points):  # expect: GIL001
        x = i * (n - 1) / max(points - 1, 1)
        lo = int(x)
        hi = min(lo + 1, n - 1)
        frac = x - lo
        out.append(samples[lo] * (1.0 - frac) + samples[hi] * frac)
    return out


def calibrate(offsets, settle):
    """Zero the load cells; the hardware needs a settle pause (runs in the executor)."""
    time.sleep(settle)  # ok: GIL004
    return {name: round(value, 3) for name, value in offsets.items()}


@dataclass
class RigState:
    tension_kn: float = 12.0
    adjustments: list = field(default_factory=list)

    def slacken(self, amount):
        self.tension_kn -= amount  # ok: GIL002
        return self.tension_kn

    def settle(self, seconds):
        # the winch needs a moment before the next reading is trusted
        time.sleep(seconds)  # expect: GIL004


class GustMonitor:
    def __init__(self, sock, rig, **limits):
        self.sock = sock
        self.rig = rig
        self.limit = limits.get("limit_ms", 12.0)
        self.settle_s = limits.get("settle_s", 0.01)
        self.samples = []
        self._handlers = []

    def subscribe(self, handler):
        self._handlers.append(handler)
        return handler

    async def read_frames(self):
        loop = asyncio.get_running_loop()
        buf = b""
        while True:
            chunk = await loop.sock_recv(self.sock, 64)  # ok: GIL004
            if not chunk:
                break
            buf += chunk
            while len(buf) >= FRAME.size:
                seq, speed = FRAME.unpack_from(buf)
                buf = buf[FRAME.size:]
                self.samples.append(speed)
                if speed > self.limit:
                    await self.adjust(seq, speed)
        return len(self.samples)

    async def adjust(self, seq, speed):
        tension = self.rig.slacken(0.1 * (speed - self.limit))
        self.rig.settle(self.settle_s)
        self.rig.adjustments.append((seq, round(speed, 2)))
        for handler in self._handlers:
            handler(seq=seq, speed=speed, tension=tension)


async def watchdog(monitor, period):
    """Periodic log line while frames are coming in."""
    seen = -1
    while len(monitor.samples) != seen:
        seen = len(monitor.samples)
        await asyncio.sleep(period)  # ok: GIL004
        log.debug("watchdog: %d samples", len(monitor.samples))


async def main():
    logging.basicConfig(level=logging.WARNING)
    reader_sock, writer_sock = socket.socketpair()
    reader_sock.setblocking(False)
    rig = RigState()
    monitor = GustMonitor(reader_sock, rig, **RIG)
    alerts = []
    monitor.subscribe(lambda **event: alerts.append(event["seq"]))

    source = threading.Thread(target=gust_source, name="anemometer",
                              args=(writer_sock, RIG["gusts"], RIG["gust_gap_s"]))
    source.start()
    loop = asyncio.get_running_loop()
    cal = loop.run_in_executor(None, functools.partial(calibrate, {"left": 0.02131, "right": -0.01078},
                                                       settle=0.02))
    dog = asyncio.create_task(watchdog(monitor, 0.01))
    count = await monitor.read_frames()
    offsets = await cal
    await dog
    profile = await asyncio.to_thread(smooth_profile, monitor.samples, RIG["profile_points"])
    source.join()
    reader_sock.close()
    writer_sock.close()

    print(f"frames={count} alerts={len(alerts)} tension={rig.tension_kn:.2f} kN offsets={offsets}")
    print(f"profile points={len(profile)} max={max(profile):.2f} m/s")


if __name__ == "__main__":
    asyncio.run(main())
