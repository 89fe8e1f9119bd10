"""In-process scheduler for a sequencing core's alignment jobs.

Each job aligns one lane of one sample with an external aligner binary (here a
sleep standing in for the subprocess).  Worker threads pick queued jobs off the
shared job table; a self re-arming threading.Timer logs a heartbeat with the
progress so far.  Failed jobs are re-queued a limited number of times.
"""
from __future__ import annotations

import enum
import functools
import logging
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

log = logging.getLogger("seqcore.scheduler")


class JobState(enum.Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass
class AlignmentJob:
    sample: str
    lane: int
    reads: int
    state: JobState = JobState.QUEUED
    worker: Optional[str] = None
    attempts: int = 0
    history: List[str] = field(default_factory=list)


def retry_on(exc_type: type, attempts: int = 2, delay_s: float = 0.002):
    """Retry flaky storage operations (NFS hiccups on the scratch volume)."""

    def decorate(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(attempts):
                try:
                    return fn(*args, **kwargs)
                except exc_type:
                    if attempt == attempts - 1:
                        raise
                    time.sleep(delay_s)
        return wrapper

    return decorate


class Scheduler:
    def __init__(self, jobs: List[AlignmentJob], workers: int = 3, max_attempts: int = 3,
                 heartbeat_s: float = 0.05) -> None:
        self.jobs = jobs
        self.n_workers = workers
        self.max_attempts = max_attempts
        self.heartbeat_s = heartbeat_s
        self.completed = 0
        self.progress: Dict[str, int] = {}
        self._lock = threading.Lock()
        self._timer: Optional[threading.Timer] = None
        self._stopping = threading.Event()
        self._rng = random.Random(42)

    # -- job table -------------------------------------------------------------
    def claim_next(self, worker: str) -> Optional[AlignmentJob]:
        for job in self.jobs:
            if job.state is JobState.QUEUED:  # expect: GIL003
                job.state = JobState.RUNNING
                job.worker = worker
                job.history.append(f"claimed by {worker}")
                return job
        return None

    def finish(self, job: AlignmentJob) -> None:
        with self._lock:
            if job.state is JobState.RUNNING:  # ok: GIL003
                job.state = JobState.DONE
                self.completed += 1  # ok: GIL002
        self.progress[job.sample] = self.progress.get(job.sample, 0) + job.reads  # expect: GIL002

    def requeue_failed(self, job: AlignmentJob, reason: str) -> bool:
        self._lock.acquire()  # expect: GIL005
        if job.attempts >= self.max_attempts:
            job.state = JobState.FAILED
            log.error("%s lane %d: giving up after %d attempts", job.sample, job.lane, job.attempts)
            return False
        job.history.append(f"requeued: {reason}")
        job.state = JobState.QUEUED
        self._lock.release()
        return True

    # -- execution ----------------------------------------------------------------
    @retry_on(OSError)
    def _run_aligner(self, job: AlignmentJob, fail: bool) -> None:
        time.sleep(0.004 + job.reads / 50_000_000)  # waiting on the aligner subprocess
        if fail:
            raise RuntimeError("aligner exited with status 137 (OOM)")

    def _worker_loop(self, name: str, flaky: frozenset) -> None:
        while not self._stopping.is_set():  # ok: GIL001
            job = self.claim_next(name)
            if job is None:
                return
            job.attempts += 1
            try:
                self._run_aligner(job, fail=(job.sample, job.lane, job.attempts) in flaky)
            except RuntimeError as exc:
                self.requeue_failed(job, str(exc))
                continue
            self.finish(job)

    def _heartbeat(self) -> None:
        done = sum(1 for j in self.jobs if j.state is JobState.DONE)
        log.info("heartbeat: %d/%d jobs done", done, len(self.jobs))
        if not self._stopping.is_set():
            self._timer = threading.Timer(self.heartbeat_s, self._heartbeat)
            self._timer.daemon = True
            self._timer.start()

    def run(self, flaky: frozenset = frozenset()) -> float:
        started = time.perf_counter()
        self._heartbeat()
        threads = [threading.Thread(target=self._worker_loop, args=(f"w{i}", flaky), name=f"aligner-{i}")
                   for i in range(self.n_workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self._stopping.set()
        if self._timer is not None:
            self._timer.cancel()
        return time.perf_counter() - started


def make_jobs(samples: List[str], lanes: int) -> List[AlignmentJob]:
    rng = random.Random(7)
    return [AlignmentJob(s, lane, rng.randrange(100_000, 400_000))
            for s in samples for lane in range(1, lanes + 1)]


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(threadName)s %(message)s")
    jobs = make_jobs(["NA12878", "NA24385", "HG002", "HG005"], lanes=6)
    scheduler = Scheduler(jobs, workers=3)
    elapsed = scheduler.run(flaky=frozenset({("HG002", 3, 1), ("NA12878", 5, 1)}))
    states: Dict[str, int] = {}
    for job in jobs:
        states[job.state.value] = states.get(job.state.value, 0) + 1
    duplicates = sum(1 for j in jobs if len([h for h in j.history if h.startswith("claimed")]) > j.attempts)
    print(f"{scheduler.completed} jobs completed in {elapsed:.2f} s; states {states}")
    print(f"reads aligned per sample: {dict(sorted(scheduler.progress.items()))}")
    print(f"jobs claimed more often than attempted: {duplicates}")


if __name__ == "__main__":
    main()
