"""Field gateway that polls loop detectors and video counters at a junction.

Inductive-loop counts come over the cabinet's serial Modbus bus; the video
counters expose a blocking vendor SDK.  Readings are combined into one snapshot
per polling interval, published to the signal optimiser, and once per run the
green split is re-calibrated with a Monte Carlo model in worker processes.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import random
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Dict, List, Optional

log = logging.getLogger("traffic.gateway")

DETECTORS = [f"L{n:02d}" for n in range(1, 9)]
CAMERAS = ["CAM-N", "CAM-S", "CAM-E", "CAM-W"]
BUS_LATENCY_S = 0.001


def cabinet_bus(registers: Dict[str, int], stop: threading.Event, seed: int = 5) -> None:
    """Emulates the detector cards: counts tick up as vehicles cross the loops."""
    rng = random.Random(seed)
    counts = {det: 0 for det in registers}
    while not stop.is_set():  # ok: GIL001
        for det in counts:
            counts[det] += rng.random() < 0.3  # ok: GIL002
            registers[det] = counts[det]
        time.sleep(0.002)


def read_detector_register(registers: Dict[str, int], det: str) -> int:
    """One Modbus read-holding-registers transaction on the serial line."""
    time.sleep(BUS_LATENCY_S)  # expect: GIL004
    return registers[det]


class CameraGateway:
    def __init__(self) -> None:
        self.frames_read = 0
        self._rng = random.Random(9)

    def read_count(self, camera: str) -> int:
        """Vendor SDK call; blocks until the camera returns its counter."""
        time.sleep(0.003)  # ok: GIL004
        self.frames_read += 1  # expect: GIL002
        return int(self._rng.random() * 12)


def calibrate_green_split(seed: int, cycles: int) -> float:
    """Monte Carlo: fraction of green to give the main road for least total delay."""
    rng = random.Random(seed)
    best_split, best_delay = 0.5, float("inf")
    for split_pct in range(30, 86, 5):  # ok: GIL001
        split = split_pct / 100
        delay = 0.0
        for _ in range(cycles):
            main_q = rng.random() * 30
            side_q = rng.random() * 12
            delay += max(0.0, main_q - split * 40) + max(0.0, side_q - (1 - split) * 40)
        if delay < best_delay:
            best_split, best_delay = split, delay
    return best_split


@dataclass
class SnapshotStore:
    snapshots: List[Dict[str, int]] = field(default_factory=list)
    skipped: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def try_publish(self, snapshot: Dict[str, int]) -> bool:
        if not self._lock.acquire(blocking=False):  # ok: GIL005
            return False
        try:
            self.snapshots.append(dict(snapshot))
            return True
        finally:
            self._lock.release()


class Gateway:
    def __init__(self, registers: Dict[str, int], cameras: CameraGateway, store: SnapshotStore,
                 sdk_pool: ThreadPoolExecutor) -> None:
        self.registers = registers
        self.cameras = cameras
        self.store = store
        self.sdk_pool = sdk_pool
        self.polls = 0

    async def poll_detectors(self) -> Dict[str, int]:
        return {det: read_detector_register(self.registers, det) for det in DETECTORS}

    async def poll_cameras(self) -> Dict[str, int]:
        loop = asyncio.get_running_loop()
        reads = [loop.run_in_executor(self.sdk_pool, functools.partial(self.cameras.read_count, cam))
                 for cam in CAMERAS]
        return dict(zip(CAMERAS, await asyncio.gather(*reads)))

    async def run(self, intervals: int, period: float) -> None:
        for _ in range(intervals):
            detectors, cameras = await asyncio.gather(self.poll_detectors(), self.poll_cameras())
            snapshot = {**detectors, **cameras}
            if not self.store.try_publish(snapshot):
                self.store.skipped += 1  # ok: GIL002
            self.polls += 1  # ok: GIL002
            await asyncio.sleep(period)  # ok: GIL004


async def main(intervals: int = 12) -> Dict[str, object]:
    loop = asyncio.get_running_loop()
    # Fork the calibration workers before any other thread exists.
    mc_pool = ProcessPoolExecutor(max_workers=2)
    calibration = [loop.run_in_executor(mc_pool, calibrate_green_split, seed, 6000) for seed in (1, 2)]
    registers = {det: 0 for det in DETECTORS}
    stop = threading.Event()
    bus = threading.Thread(target=cabinet_bus, args=(registers, stop), name="cabinet-bus")
    bus.start()
    store = SnapshotStore()
    cameras = CameraGateway()
    try:
        with ThreadPoolExecutor(max_workers=4, thread_name_prefix="sdk") as sdk_pool:
            gateway = Gateway(registers, cameras, store, sdk_pool)
            await gateway.run(intervals, period=0.01)
        splits = await asyncio.gather(*calibration)
    finally:
        stop.set()
        await asyncio.to_thread(bus.join)
        mc_pool.shutdown()
    return {"polls": gateway.polls, "snapshots": len(store.snapshots), "skipped": store.skipped,
            "frames": cameras.frames_read, "split": sum(splits) / len(splits),
            "last": store.snapshots[-1]}


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    t0 = time.perf_counter()
    report = asyncio.run(main())
    print(f"polls {report['polls']}, snapshots {report['snapshots']}, skipped {report['skipped']}")
    print(f"camera frames {report['frames']}, calibrated main-road split {report['split']:.2f}")
    print(f"last snapshot L01={report['last']['L01']} CAM-E={report['last']['CAM-E']}")
    print(f"took {time.perf_counter() - t0:.2f}s")
