"""Online exam proctoring: webcam frame analysis.

Each candidate's webcam stream is pushed through a small generator pipeline
(decode -> downsample) and compared frame by frame to spot the candidate leaving
the seat or a second face.  Streams are analysed in a thread pool; incidents go to
a shared board that the invigilator dashboard reads.
"""
from __future__ import annotations

import collections
import functools
import logging
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Iterable, Iterator

log = logging.getLogger("proctor.frames")

ANALYSIS = {
    "width": 40,
    "height": 30,
    "frames": 70,
    "motion_threshold": 38.0,
    "workers": 3,
}

Frame = list  # flat list of 0..255 grey values


@dataclass
class IncidentBoard:
    counts: collections.defaultdict = field(
        default_factory=lambda: collections.defaultdict(int))
    first_seen: dict = field(default_factory=dict)
    total_frames: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, candidate: str, kind: str) -> None:
        self.counts[kind] += 1  # expect: GIL002
        self.first_seen.setdefault(kind, candidate)

    def add_frames(self, n: int) -> None:
        with self._lock:
            self.total_frames += n  # ok: GIL002


def log_calls(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        log.debug("-> %s", fn.__name__)
        try:
            return fn(*args, **kwargs)
        finally:
            log.debug("<- %s", fn.__name__)

    return wrapper


def decode(candidate: str, n: int, width: int, height: int) -> Iterator[Frame]:
    """Stand-in for the H.264 decoder: deterministic noisy frames."""
    rng = random.Random(candidate)
    base = [rng.randrange(40, 200) for _ in range(width * height)]
    for i in range(n):
        jitter = 90 if i % 23 == 22 else 6  # candidate turns away now and then
        yield [min(255, max(0, p + rng.randint(-jitter, jitter))) for p in base]


def downsample(frames: Iterable[Frame], width: int) -> Iterator[Frame]:
    for frame in frames:
        yield [frame[k] for k in range(0, len(frame), 2)]


@dataclass
class StreamReport:
    candidate: str
    frames: int = 0
    incidents: list = field(default_factory=list)


@log_calls
def analyze_stream(candidate: str, board: IncidentBoard, cfg: dict) -> StreamReport:
    report = StreamReport(candidate)
    pipeline = downsample(
        decode(candidate, cfg["frames"], cfg["width"], cfg["height"]), cfg["width"])
    previous: Frame | None = None
    for idx, frame in enumerate(pipeline):  # expect: GIL001
        report.frames += 1  # ok: GIL002
        if previous is not None:
            diff = 0
            for a, b in zip(frame, previous):
                diff += a - b if a > b else b - a
            score = diff / len(frame)
            if score > cfg["motion_threshold"]:
                report.incidents.append((idx, round(score, 1)))
                board.record(candidate, "motion")
        previous = frame
    board.add_frames(report.frames)
    return report


def dashboard(reports: Iterable[StreamReport]) -> list[str]:
    lines = []
    for r in sorted(reports, key=lambda r: r.candidate):
        flags = ", ".join(f"#{i}({s})" for i, s in r.incidents[:3])
        lines.append(f"{r.candidate}: {r.frames} frames, {len(r.incidents)} incidents {flags}")
    return lines


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    candidates = [f"cand-{k:02d}" for k in range(6)]
    board = IncidentBoard()
    job = functools.partial(analyze_stream, board=board, cfg=ANALYSIS)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=ANALYSIS["workers"], thread_name_prefix="frames") as pool:
        reports = list(pool.map(job, candidates))
    elapsed = time.perf_counter() - started

    for line in dashboard(reports):
        print(line)
    print(f"board: {dict(board.counts)} over {board.total_frames} frames; "
          f"first: {board.first_seen}")
    print(f"analysed {len(candidates)} streams in {elapsed:.2f}s")


if __name__ == "__main__":
    main()
