"""Transcoding farm: a fixed pool of encoder threads draining a job queue.

The dispatcher splits uploaded videos into segments and queues one Job per
segment.  Each EncoderWorker pulls jobs until it sees the shutdown sentinel and
"encodes" every frame with the pure-Python reference quantiser that the
prototype shipped with.  Progress goes into a FarmStats object that every
worker shares; a monitor thread logs it while the farm is busy.
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("farm.workers")

FRAME_W = 16
FRAME_H = 16
DEFAULT_QUANT = 12
SHUTDOWN = None


@dataclass
class Job:
    job_id: str
    frames: int
    profile: str = "h264-720p"


@dataclass
class FarmStats:
    frames_encoded: int = 0
    bytes_out: int = 0
    failures: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


def synth_frame(seed: int) -> list[int]:
    """Deterministic fake luma plane for one frame."""
    return [(seed * 31 + i * 7) % 251 for i in range(FRAME_W * FRAME_H)]


def quantise_plane(pixels: list[int], quant: int) -> list[int]:
    """Run-length friendly prediction + quantisation, row by row."""
    out = []
    for row in range(FRAME_H):
        base = row * FRAME_W
        acc = 0
        for col in range(FRAME_W):
            acc = (acc * 3 + pixels[base + col]) & 0xFFFF
            out.append(acc // quant)
    return out


class BaseWorker(threading.Thread):
    """Pulls jobs until the sentinel arrives; subclasses implement process()."""

    def __init__(self, name: str, jobs: "queue.Queue[Job | None]", stats: FarmStats, **kwargs):
        super().__init__(name=name, daemon=True, **kwargs)
        self.jobs = jobs
        self.stats = stats
        self.jobs_done = 0

    def run(self) -> None:
        while True:  # expect: GIL001
            job = self.jobs.get()
            if job is SHUTDOWN:
                self.jobs.task_done()
                break
            try:
                self.process(job)
                self.jobs_done += 1  # ok: GIL002
            except Exception:
                log.exception("%s failed on %s", self.name, job.job_id)
                with self.stats.lock:
                    self.stats.failures += 1  # ok: GIL002
            finally:
                self.jobs.task_done()

    def process(self, job: Job) -> None:
        raise NotImplementedError


class EncoderWorker(BaseWorker):
    """Encodes every frame of a segment with the reference quantiser."""

    def __init__(self, name, jobs, stats, quant: int = DEFAULT_QUANT, **kwargs):
        super().__init__(name, jobs, stats, **kwargs)
        self.quant = quant

    def process(self, job: Job) -> None:
        encoded_bytes = 0
        for idx in range(job.frames):
            coeffs = quantise_plane(synth_frame(idx + len(job.job_id)), self.quant)
            encoded_bytes += sum(1 for c in coeffs if c)  # ok: GIL002
            self.stats.frames_encoded += 1  # expect: GIL002
        with self.stats.lock:
            self.stats.bytes_out += encoded_bytes  # ok: GIL002


class Farm:
    """Owns the queue, the workers and the monitor."""

    def __init__(self, worker_cls=EncoderWorker, size: int = 3, **worker_kwargs):
        self.jobs: "queue.Queue[Job | None]" = queue.Queue()
        self.stats = FarmStats()
        self.workers = [
            worker_cls(f"encoder-{i}", self.jobs, self.stats, **worker_kwargs) for i in range(size)
        ]
        self._stop = threading.Event()
        self._monitor = threading.Thread(target=self._monitor_loop, args=(0.02,), name="monitor")

    def _monitor_loop(self, interval: float) -> None:
        last = 0
        while not self._stop.wait(interval):  # ok: GIL001
            current = self.stats.frames_encoded
            log.debug("farm: %d frames (+%d)", current, current - last)
            last = current

    def submit_video(self, video_id: str, segments: int, frames_per_segment: int) -> None:
        for seg in range(segments):
            self.jobs.put(Job(f"{video_id}/seg{seg:03d}", frames_per_segment))

    def __enter__(self) -> "Farm":
        for w in self.workers:
            w.start()
        self._monitor.start()
        return self

    def __exit__(self, *exc) -> None:
        for _ in self.workers:
            self.jobs.put(SHUTDOWN)
        self.jobs.join()
        for w in self.workers:
            w.join()
        self._stop.set()
        self._monitor.join()


def summarise(farm: Farm) -> dict:
    per_worker = {}
    total_jobs = 0
    for w in farm.workers:
        per_worker[w.name] = w.jobs_done
        total_jobs += w.jobs_done  # ok: GIL002
    return {"jobs": total_jobs, "per_worker": per_worker}


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    started = time.perf_counter()
    expected_frames = 0
    with Farm(size=3, quant=10) as farm:
        for video, segments in (("trailer", 10), ("keynote", 12), ("promo", 8)):
            farm.submit_video(video, segments, frames_per_segment=160)
            expected_frames += segments * 160
    summary = summarise(farm)
    elapsed = time.perf_counter() - started
    print(f"jobs = {summary['jobs']} per worker = {summary['per_worker']}")
    print(f"frames = {farm.stats.frames_encoded} (expected {expected_frames})")
    print(f"bytes_out = {farm.stats.bytes_out} failures = {farm.stats.failures}")
    print(f"wall = {elapsed:.3f}s")


if __name__ == "__main__":
    main()
