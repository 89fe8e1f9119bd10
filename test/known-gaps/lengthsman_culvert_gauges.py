"""Lengthsman culvert gauges: an asyncio collector for water-level gauges.

Each gauge streams (sequence, level) frames over a local socket pair from a feeder
thread.  The collector reads every gauge in its own style (non-blocking, through an
executor, or the old blocking driver), decodes the frames off the event loop and
fits a rating curve per culvert with a brute-force grid search.
"""
import asyncio
import functools
import logging
import math
import socket
import struct
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger("lengthsman.gauges")

FRAME = struct.Struct("!Hf")
STATS = {"frames": 0, "bytes": 0}


@dataclass(frozen=True)
class GaugeConfig:
    name: str
    readings: int = 240
    bursts: int = 6
    settle_s: float = 0.02
    style: str = "async"  # "async", "executor" or "legacy"


def async_timed(fn):
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return await fn(*args, **kwargs)
        finally:
            log.info("%s: %.1f ms", fn.__name__, (time.perf_counter() - started) * 1000)
    return wrapper


class Feeder:
    """Plays back a gauge: bursts of frames with a pause between them."""

    def __init__(self, cfg: GaugeConfig, sock: socket.socket):
        self.cfg = cfg
        self.sock = sock
        self.thread = threading.Thread(target=self.run, name=f"feed-{cfg.name}")

    def run(self) -> None:
        per_burst = self.cfg.readings // self.cfg.bursts
        seq = 0
        for burst in range(self.cfg.bursts):  # ok: GIL001
            chunk = b"".join(FRAME.pack(seq + k, 1.2 + 0.4 * math.sin((seq + k) / 9.0))
                             for k in range(per_burst))
            seq += per_burst
            self.sock.sendall(chunk)
            time.sleep(0.004)  # ok: GIL004
        self.sock.close()


def drain_socket(sock: socket.socket) -> bytes:
    """Blocking read until EOF; only ever called on an executor thread."""
    parts = []
    while True:  # ok: GIL001
        chunk = sock.recv(4096)  # ok: GIL004
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)


def decode(payload: bytes) -> list:
    levels = [level for _, level in FRAME.iter_unpack(payload)]  # ok: GIL001
    STATS["frames"] += len(levels)  # expect: GIL002
    return levels


def fit_rating(levels: list, steps: int = 36) -> tuple:
    """Grid search for flow = a * (h - b) ** 1.5 against the weir-board readings."""
    best = (math.inf, 0.0, 0.0)
    targets = [2.1 * max(h - 0.34, 0.0) ** 1.5 for h in levels]  # ok: GIL001
    for ia in range(1, steps + 1):  # expect: GIL001
        a = ia * 0.1
        for ib in range(steps):
            b = ib * 0.02
            err = 0.0
            for h, want in zip(levels, targets):
                d = h - b
                flow = a * d * math.sqrt(d) if d > 0 else 0.0
                err += (flow - want) ** 2
            if err < best[0]:
                best = (err, a, b)
    return best


@async_timed
async def calibrate(cfg: GaugeConfig) -> None:
    if cfg.style == "legacy":
        time.sleep(cfg.settle_s)  # expect: GIL004
    else:
        await asyncio.sleep(cfg.settle_s)  # ok: GIL004


async def read_gauge(cfg: GaugeConfig, sock: socket.socket, pool) -> bytes:
    loop = asyncio.get_running_loop()
    await calibrate(cfg)
    if cfg.style == "executor":
        return await loop.run_in_executor(pool, drain_socket, sock)
    if cfg.style == "legacy":
        parts = []
        while True:
            chunk = sock.recv(4096)  # expect: GIL004
            if not chunk:
                return b"".join(parts)
            parts.append(chunk)
    sock.setblocking(False)
    parts = []
    while chunk := await loop.sock_recv(sock, 4096):  # ok: GIL004
        parts.append(chunk)
    return b"".join(parts)


async def collect(cfg: GaugeConfig, sock: socket.socket, pool) -> tuple:
    payload = await read_gauge(cfg, sock, pool)
    levels = await asyncio.to_thread(decode, payload)
    err, a, b = await asyncio.to_thread(fit_rating, levels)
    return cfg.name, len(levels), a, b


async def main() -> None:
    gauges = [GaugeConfig("Ford culvert"), GaugeConfig("Mill race", style="executor"),
              GaugeConfig("Pound brook", style="legacy")]
    pairs = [socket.socketpair() for _ in gauges]
    feeders = [Feeder(cfg, w) for cfg, (_, w) in zip(gauges, pairs)]
    for f in feeders:
        f.thread.start()
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="drain") as pool:
        results = await asyncio.gather(*(collect(cfg, r, pool)
                                         for cfg, (r, _) in zip(gauges, pairs)))
    for f in feeders:
        f.thread.join()
    for r, _ in pairs:
        r.close()
    for name, n, a, b in results:
        print(f"{name:<13} {n} readings  flow = {a:.1f} * (h - {b:.2f})^1.5")
    print(f"frames = {STATS['frames']} (expected {sum(g.readings for g in gauges)})")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main())
