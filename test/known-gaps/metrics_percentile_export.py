"""Async exporter: merge per-host histogram windows, compute percentiles, push.

Every export cycle the exporter merges the bucket windows reported by each
host (on the event loop's default thread pool), computes percentile
summaries in a process pool, then pushes the encoded summary to a push
gateway over a socket and waits for its acknowledgement.
"""
from __future__ import annotations

import asyncio
import json
import random
import socket
import struct
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Dict, List, Sequence

N_BUCKETS = 64
QUANTILES = (0.5, 0.9, 0.99, 0.999)
LEN = struct.Struct("!I")
KERNEL = (0.006, 0.061, 0.242, 0.382, 0.242, 0.061, 0.006)


@dataclass
class Window:
    host: str
    start: float
    buckets: List[int]


def make_windows(host: str, n: int, seed: int) -> List[Window]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        buckets = [0] * N_BUCKETS
        for _ in range(200):
            buckets[min(N_BUCKETS - 1, int(rng.expovariate(0.08)))] += 1
        out.append(Window(host, i * 10.0, buckets))
    return out


def merge_windows(windows: Sequence[Window], decay: float = 0.995) -> List[float]:
    """Decayed, kernel-smoothed merge of one host's windows (pure Python)."""
    merged = [0.0] * N_BUCKETS
    weight = 1.0
    for window in reversed(windows):  # expect: GIL001
        for i, c in enumerate(window.buckets):
            if not c:
                continue
            for j in range(max(0, i - 3), min(N_BUCKETS, i + 4)):
                merged[j] += c * weight * KERNEL[j - i + 3]  # ok: GIL002
        weight *= decay
    return merged


def percentiles(merged: Sequence[float], quantiles: Sequence[float] = QUANTILES) -> Dict[str, float]:
    """Interpolated quantiles over bucket indices; runs in a worker process."""
    total = sum(merged)
    out = {}
    for q in quantiles:  # ok: GIL001
        target, running = q * total, 0.0
        for i, c in enumerate(merged):
            if running + c >= target and c:
                out[f"p{q * 100:g}"] = i + (target - running) / c
                break
            running += c
    return out


def gateway(sock: socket.socket, expected: int, received: List[dict]) -> None:
    """Push-gateway stand-in: reads length-prefixed JSON, answers `ACK`."""
    for _ in range(expected):  # ok: GIL001
        header = sock.recv(LEN.size, socket.MSG_WAITALL)  # ok: GIL004
        (size,) = LEN.unpack(header)
        body = sock.recv(size, socket.MSG_WAITALL)
        received.append(json.loads(body))
        time.sleep(0.002)
        sock.sendall(b"ACK")


def await_ack(sock: socket.socket, timeout: float = 1.0) -> bool:
    sock.settimeout(timeout)
    return sock.recv(3) == b"ACK"  # expect: GIL004


class Exporter:
    def __init__(self, sock: socket.socket, procs: ProcessPoolExecutor) -> None:
        self.sock = sock
        self.procs = procs
        self.cycles = 0
        self.pushed_bytes = 0

    async def export_cycle(self, by_host: Dict[str, List[Window]]) -> Dict[str, Dict[str, float]]:
        loop = asyncio.get_running_loop()
        hosts = sorted(by_host)
        merged = await asyncio.gather(
            *(loop.run_in_executor(None, merge_windows, by_host[h]) for h in hosts))
        summaries = await asyncio.gather(
            *(loop.run_in_executor(self.procs, percentiles, m) for m in merged))
        report = dict(zip(hosts, summaries))
        body = json.dumps({"cycle": self.cycles, "hosts": report}).encode()
        await asyncio.to_thread(self.sock.sendall, LEN.pack(len(body)) + body)  # ok: GIL004
        if not await_ack(self.sock):
            raise RuntimeError("push gateway did not acknowledge")
        self.cycles += 1  # ok: GIL002
        self.pushed_bytes += len(body)  # ok: GIL002
        return report


async def run(cycles: int) -> None:
    by_host = {f"web-{i}": make_windows(f"web-{i}", 720, seed=i) for i in range(2)}
    ours, theirs = socket.socketpair()
    received: List[dict] = []
    gw = threading.Thread(target=gateway, args=(theirs, cycles, received), name="gateway")
    gw.start()
    with ProcessPoolExecutor(max_workers=2) as procs:
        exporter = Exporter(ours, procs)
        t0 = time.perf_counter()
        for _ in range(cycles):
            report = await exporter.export_cycle(by_host)
        elapsed = time.perf_counter() - t0
    gw.join()
    ours.close()
    theirs.close()
    for host, summary in report.items():
        print(host, {k: round(v, 2) for k, v in summary.items()})
    print(f"cycles={exporter.cycles} pushed={exporter.pushed_bytes}B "
          f"gateway got {len(received)} reports in {elapsed:.2f}s")


if __name__ == "__main__":
    asyncio.run(run(cycles=3))
