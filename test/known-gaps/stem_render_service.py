"""Asyncio render service for a stem mixer: normalise, render, publish.

Requests arrive on the event loop.  Loudness normalisation is pushed to
worker threads with ``asyncio.to_thread``; the final render needs exclusive
use of the (simulated) DSP device, guarded by a lock.
"""
import asyncio
import logging
import math
import threading
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional

log = logging.getLogger("render")

RATE = 16_000


class LicenseError(RuntimeError):
    pass


@dataclass
class RenderJob:
    job_id: int
    stems: Dict[str, List[float]]
    target_lufs: float = -14.0
    plugins: List[str] = field(default_factory=list)


def normalize_stem(samples: List[float], target_rms: float, block: int = 1024) -> List[float]:
    """Block-wise loudness levelling in pure Python (runs in a worker thread)."""
    out: List[float] = []
    gain = 1.0
    for start in range(0, len(samples), block):  # expect: GIL001
        chunk = samples[start:start + block]
        energy = 0.0
        for x in chunk:
            energy += x * x
        rms = math.sqrt(energy / len(chunk)) or 1.0
        gain = 0.9 * gain + 0.1 * (target_rms / rms)
        out.extend(max(-1.0, min(1.0, x * gain)) for x in chunk)
    return out


class DspDevice:
    """One render at a time on the DSP card."""

    LICENSED = {"eq", "comp", "limiter", "reverb"}

    def __init__(self):
        self._device_lock = threading.Lock()
        self.renders = 0

    def _check_license(self, job: RenderJob) -> None:
        missing = set(job.plugins) - self.LICENSED
        if missing:
            raise LicenseError(f"job {job.job_id}: unlicensed plugins {sorted(missing)}")

    def render(self, job: RenderJob, stems: Dict[str, List[float]]) -> List[float]:
        self._device_lock.acquire()  # expect: GIL005
        self._check_license(job)
        try:
            length = min(len(s) for s in stems.values())
            self.renders += 1
            return [sum(s[i] for s in stems.values()) / len(stems) for i in range(0, length, 64)]
        finally:
            self._device_lock.release()

    def reset(self, timeout: float = 0.5) -> bool:
        if not self._device_lock.acquire(timeout=timeout):  # ok: GIL005
            return False
        self._device_lock.release()
        return True

    def firmware_version(self) -> str:
        self._device_lock.acquire()  # ok: GIL005
        try:
            return "dsp-fw-2.4.1"
        finally:
            self._device_lock.release()


class RenderService:
    def __init__(self, device: DspDevice, target_rms: float = 0.2):
        self.device = device
        self.target_rms = target_rms
        self.completed: Dict[int, int] = {}
        self.hooks: List = []

    async def _normalize_all(self, job: RenderJob) -> Dict[str, List[float]]:
        names = list(job.stems)
        results = await asyncio.gather(
            *(asyncio.to_thread(normalize_stem, job.stems[n], self.target_rms) for n in names))
        return dict(zip(names, results))

    async def handle(self, job: RenderJob) -> Optional[int]:
        log.info("job %d: %d stems", job.job_id, len(job.stems))
        time.sleep(0.01)  # expect: GIL004
        stems = await self._normalize_all(job)
        mix = await asyncio.to_thread(self.device.render, job, stems)
        await asyncio.sleep(0.001)  # ok: GIL004
        self.completed[job.job_id] = len(mix)
        for hook in self.hooks:
            hook(job.job_id, len(mix))
        return len(mix)


def sine(freq: float, seconds: float, amp: float) -> List[float]:
    w = 2 * math.pi * freq / RATE
    return [amp * math.sin(w * i) for i in range(int(RATE * seconds))]


def make_job(job_id: int, seconds: float) -> RenderJob:
    stems = {"drums": sine(60 + job_id, seconds, 0.8), "bass": sine(110, seconds, 0.5),
             "lead": sine(880, seconds, 0.1)}
    return RenderJob(job_id, stems, plugins=["eq", "limiter"])


async def main() -> None:
    service = RenderService(DspDevice())
    published: List[tuple] = []
    service.hooks.append(lambda job_id, n: published.append((job_id, n)))
    jobs = [make_job(n, seconds=10.0) for n in range(2)]
    started = time.perf_counter()
    sizes = await asyncio.gather(*(service.handle(job) for job in jobs))
    elapsed = time.perf_counter() - started
    print(f"rendered = {sizes}, device renders = {service.device.renders} (expected {len(jobs)})")
    print(f"published = {sorted(published)}, firmware = {service.device.firmware_version()}")
    print(f"device free = {service.device.reset()}, took {elapsed:.2f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
