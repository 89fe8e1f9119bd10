"""Asyncio job dispatcher for the transcoding farm.

The dispatcher reads control commands from the farm controller over a local
socket, probes each source file, hands the actual encode to a worker thread
(the encoder binary blocks) and uploads finished renditions.  Everything that
touches bookkeeping runs on the event loop thread.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import socket
import time
from dataclasses import dataclass, field

log = logging.getLogger("farm.dispatch")

PROFILES = {"1080p": 1.0, "720p": 0.6, "480p": 0.35}


@dataclass
class EncodeJob:
    job_id: str
    source: str
    profiles: list[str] = field(default_factory=lambda: ["720p", "480p"])
    duration_s: float = 0.0


def probe_duration(source: str) -> float:
    """Ask ffprobe for the container duration (here: simulated)."""
    time.sleep(0.01)  # expect: GIL004
    return 30.0 + (len(source) % 7) * 12.5


def run_encoder(job: EncodeJob, profile: str) -> str:
    """Runs the encoder binary to completion; blocking by nature."""
    time.sleep(0.02 * PROFILES[profile])  # ok: GIL004
    return f"{job.job_id}-{profile}.mp4"


def upload_rendition(path: str, *, bucket: str, retries: int = 2) -> str:
    for attempt in range(retries):
        time.sleep(0.005)  # ok: GIL004
        if attempt == retries - 1 or len(path) % 2 == 0:
            break
    return f"s3://{bucket}/{path}"


class Dispatcher:
    def __init__(self, control: socket.socket, *, bucket: str = "renditions", concurrency: int = 3):
        self.control = control
        self.bucket = bucket
        self.sem = asyncio.Semaphore(concurrency)
        self.inflight = 0
        self.completed = 0
        self.seen: set[str] = set()
        self.uploaded: list[str] = []

    async def read_commands(self) -> list[str]:
        """Control channel: newline separated 'ENCODE <source>' commands."""
        buf = b""
        while not buf.endswith(b"END\n"):
            chunk = self.control.recv(4096)  # expect: GIL004
            if not chunk:
                break
            buf += chunk
        return [line.split(" ", 1)[1] for line in buf.decode().splitlines() if line.startswith("ENCODE")]

    async def plan(self, source: str) -> EncodeJob | None:
        job_id = source.rsplit("/", 1)[-1].split(".")[0]
        if job_id in self.seen:  # ok: GIL003
            log.info("duplicate %s ignored", job_id)
            return None
        self.seen.add(job_id)
        job = EncodeJob(job_id, source)
        job.duration_s = probe_duration(source)
        if job.duration_s > 60:
            job.profiles.insert(0, "1080p")
        return job

    async def execute(self, job: EncodeJob) -> None:
        loop = asyncio.get_running_loop()
        async with self.sem:
            self.inflight += 1  # ok: GIL002
            try:
                for profile in job.profiles:
                    path = await asyncio.to_thread(run_encoder, job, profile)
                    upload = functools.partial(upload_rendition, path, bucket=self.bucket)
                    url = await loop.run_in_executor(None, upload)
                    self.uploaded.append(url)
                    await asyncio.sleep(0.001)  # ok: GIL004
            finally:
                self.inflight -= 1  # ok: GIL002
        self.completed += 1  # ok: GIL002

    async def run(self) -> int:
        sources = await self.read_commands()
        jobs = [job for job in [await self.plan(s) for s in sources] if job is not None]
        await asyncio.gather(*(self.execute(job) for job in jobs))
        return len(jobs)


def controller_script(sources: list[str]) -> bytes:
    lines = [f"ENCODE {s}" for s in sources] + ["END"]
    return ("\n".join(lines) + "\n").encode()


async def main() -> None:
    ours, controller = socket.socketpair()
    sources = [f"/ingest/day1/clip{n:02d}.mov" for n in range(8)] + ["/ingest/day1/clip03.mov"]
    controller.sendall(controller_script(sources))
    started = time.perf_counter()
    dispatcher = Dispatcher(ours, concurrency=3)
    try:
        n_jobs = await dispatcher.run()
    finally:
        ours.close()
        controller.close()
    elapsed = time.perf_counter() - started
    print(f"jobs = {n_jobs}, completed = {dispatcher.completed}, inflight = {dispatcher.inflight}")
    print(f"uploaded {len(dispatcher.uploaded)} renditions, e.g. {dispatcher.uploaded[0]}")
    print(f"wall = {elapsed:.3f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
