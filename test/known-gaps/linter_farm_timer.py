"""Complexity gate for the lint farm, with a watchdog and a per-run quota.

Each runner thread takes a batch of jobs and computes a McCabe-style
complexity score for every function in the job's source.  A run may only
report a limited number of over-threshold functions (the CI comment would be
unreadable otherwise), so runners take "report slots" from a shared board.
A heartbeat thread and a watchdog timer keep an eye on the run.
"""
import functools
import logging
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("complexity")

BRANCH_WORDS = ("if ", "elif ", "for ", "while ", "except", " and ", " or ", "case ")


def retry(times=2, delay=0.001, exceptions=(OSError,)):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except exceptions:
                    if attempt == times - 1:
                        raise
                    time.sleep(delay)
        return wrapper
    return decorate


@dataclass
class ReportBoard:
    remaining: int = 25
    reported: list = field(default_factory=list)
    results: dict = field(default_factory=dict)
    progress: dict = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def take_slot(self, name, score):
        if self.remaining > 0:  # expect: GIL003
            self.remaining -= 1  # expect: GIL002
            self.reported.append((name, score))
            return True
        return False

    def store(self, job_name, scores):
        with self._lock:
            if job_name not in self.results:  # ok: GIL003
                self.results[job_name] = scores


@dataclass
class LintJob:
    name: str
    source: str
    threshold: int = 6

    @retry(times=3)
    def execute(self, board):
        scores = {}
        current, score = None, 0
        for raw in self.source.splitlines():
            line = raw.strip()
            if line.startswith("def "):
                if current:
                    scores[current] = score
                current, score = line[4:line.index("(")], 1
                continue
            for word in BRANCH_WORDS:
                if line.startswith(word) or word in line:
                    score += 1
        if current:
            scores[current] = score
        for fn_name, fn_score in scores.items():
            if fn_score > self.threshold:
                board.take_slot(f"{self.name}:{fn_name}", fn_score)
        board.store(self.name, scores)
        return scores


class JobRunner(threading.Thread):
    def __init__(self, jobs, board, **kwargs):
        super().__init__(**kwargs)
        self.jobs = jobs
        self.board = board
        self.done = 0

    def run(self):
        for job in self.jobs:  # expect: GIL001
            job.execute(self.board)
            self.done += 1
            self.board.progress[self.name] = self.done


class Heartbeat(threading.Thread):
    def __init__(self, board, interval=0.02):
        super().__init__(name="heartbeat", daemon=True)
        self.board = board
        self.interval = interval
        self.stopped = threading.Event()
        self.beats = 0

    def run(self):
        while not self.stopped.wait(self.interval):  # ok: GIL001
            self.beats += 1
            log.debug("progress %s", dict(self.board.progress))


def make_source(seed, functions=150):
    out = []
    for f in range(functions):
        out.append(f"def step_{seed}_{f}(ctx):")
        for k in range(25 + (f * seed) % 30):
            if k % 3 == 0:
                out.append(f"    if ctx.flag_{k} and ctx.ready or ctx.force:")
            elif k % 5 == 0:
                out.append(f"    for item in ctx.items_{k}:")
            else:
                out.append(f"        ctx.total += item.weight * {k}")
    return "\n".join(out)


def run_gate(n_jobs=24, n_runners=3, watchdog_s=2.5):
    board = ReportBoard()
    jobs = [LintJob(f"pkg{j}", make_source(j + 1)) for j in range(n_jobs)]
    expired = threading.Event()
    watchdog = threading.Timer(watchdog_s, expired.set)
    watchdog.start()
    beat = Heartbeat(board)
    beat.start()
    runners = [JobRunner(jobs[r::n_runners], board, name=f"runner-{r}") for r in range(n_runners)]
    for r in runners:
        r.start()
    for r in runners:
        r.join()
    watchdog.cancel()
    beat.stopped.set()
    beat.join()
    return board, expired.is_set(), beat.beats


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    t0 = time.perf_counter()
    board, timed_out, beats = run_gate()
    log.info("gate finished in %.2fs (watchdog fired: %s, %d heartbeats)",
             time.perf_counter() - t0, timed_out, beats)
    log.info("%d jobs scored, %d over-threshold functions reported, %d slots left",
             len(board.results), len(board.reported), board.remaining)
    worst = sorted(board.reported, key=lambda r: -r[1])[:3]
    for name, score in worst:
        log.info("  %-22s complexity %d", name, score)
