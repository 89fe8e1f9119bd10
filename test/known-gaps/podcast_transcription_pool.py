"""Podcast transcription queue: episodes are transcribed on a thread pool.

Jobs are submitted to a TranscriptionQueue; a ThreadPoolExecutor runs each job
through a timing decorator, a toy voice-activity "engine" turns synthetic PCM
into segments, transcripts are persisted with a retrying writer, and completion
callbacks registered by the application are fired from the worker threads.
"""
from __future__ import annotations

import functools
import logging
import os
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Callable

log = logging.getLogger("podcast.stt")

CONFIG = {
    "workers": 3,
    "sample_rate": 8000,
    "frame": 160,
    "retries": 2,
    "threshold": 0.35,
}


class TransientStorageError(OSError):
    """Raised by the spool writer when the disk is momentarily unavailable."""


def timed(label: str):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                log.debug("%s took %.1f ms", label, (time.perf_counter() - started) * 1e3)
        return wrapper
    return decorate


def retry(times: int, delay: float = 0.005):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            last_error = None
            for attempt in range(times + 1):  # ok: GIL001
                try:
                    return fn(*args, **kwargs)
                except TransientStorageError as exc:
                    last_error = exc
                    time.sleep(delay * (attempt + 1))
            raise last_error
        return wrapper
    return decorate


@dataclass
class Episode:
    episode_id: str
    duration_s: float
    seed: int
    show: str = "untitled"


@dataclass
class Transcript:
    episode_id: str
    words: int
    voiced_frames: int
    segments: list = field(default_factory=list)

    @property
    def speech_ratio(self) -> float:
        total = sum(end - start for start, end in self.segments)
        return total / max(1, self.voiced_frames)


class BaseEngine:
    name = "base"

    def __init__(self, **options):
        self.options = {**CONFIG, **options}

    def transcribe(self, episode: Episode) -> Transcript:
        raise NotImplementedError


class EnergyVadEngine(BaseEngine):
    name = "energy-vad"

    def __init__(self, threshold: float | None = None, **options):
        super().__init__(**options)
        self.threshold = threshold if threshold is not None else self.options["threshold"]

    def transcribe(self, episode: Episode) -> Transcript:
        n = int(episode.duration_s * self.options["sample_rate"])
        frame = self.options["frame"]
        state = episode.seed
        energy = 0.0
        voiced = 0
        segments = []
        start = None
        for i in range(n):  # expect: GIL001
            state = (state * 1103515245 + 12345) & 0x7FFFFFFF
            x = state / 0x7FFFFFFF - 0.5
            energy += x * x
            if i % frame == frame - 1:
                loud = energy / frame > self.threshold * 0.24
                if loud:
                    voiced += 1
                    start = i if start is None else start
                elif start is not None:
                    segments.append((start, i))
                    start = None
                energy = 0.0
        return Transcript(episode.episode_id, words=voiced * 3, voiced_frames=voiced,
                          segments=segments)


class TranscriptionQueue:
    def __init__(self, engine: BaseEngine, spool_dir: str, workers: int = 2):
        self._engine = engine
        self._spool_dir = spool_dir
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="stt")
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[Episode, Transcript], None]] = []
        self._futures = []
        self.stats = {"done": 0, "failed": 0}
        self.transcribed_seconds = 0.0

    def on_complete(self, callback):
        self._callbacks.append(callback)
        return callback

    def submit(self, episode: Episode, **job_options):
        future = self._pool.submit(self._run_job, episode, **job_options)
        self._futures.append(future)
        return future

    @timed("transcription job")
    def _run_job(self, episode: Episode, priority: str = "normal") -> Transcript:
        log.info("transcribing %s (%s)", episode.episode_id, priority)
        transcript = self._engine.transcribe(episode)
        self._persist(transcript)
        with self._lock:
            self.transcribed_seconds += episode.duration_s  # ok: GIL002
        self.stats["done"] += 1  # expect: GIL002
        for callback in self._callbacks:  # ok: GIL001
            callback(episode, transcript)
        return transcript

    @retry(times=CONFIG["retries"])
    def _persist(self, transcript: Transcript) -> str:
        path = os.path.join(self._spool_dir, f"{transcript.episode_id}.txt")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(f"{transcript.episode_id}: {transcript.words} words, "
                     f"{len(transcript.segments)} segments\n")
        return path

    def drain(self):
        wait(self._futures)
        self._pool.shutdown(wait=True)


first_finished = {"episode": None}


def make_word_tally(registry: dict):
    def tally(episode: Episode, transcript: Transcript) -> None:
        registry[episode.episode_id] = transcript.words
    return tally


def announce_first(episode: Episode, transcript: Transcript) -> None:
    if first_finished["episode"] is None:  # expect: GIL003
        first_finished["episode"] = episode.episode_id


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(threadName)s %(message)s")
    word_counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as spool:
        stt = TranscriptionQueue(EnergyVadEngine(), spool, workers=CONFIG["workers"])
        stt.on_complete(make_word_tally(word_counts))
        stt.on_complete(announce_first)
        episodes = [Episode(f"ep{i:03d}", duration_s=18 + 3 * i, seed=7 * i + 1, show="daily")
                    for i in range(5)]
        started = time.perf_counter()
        for ep in episodes:
            stt.submit(ep, priority="high" if ep.duration_s > 25 else "normal")
        stt.drain()
        elapsed = time.perf_counter() - started
        spooled = sorted(os.listdir(spool))
    print(f"transcribed {stt.stats['done']} episodes ({stt.transcribed_seconds:.0f} s audio) "
          f"in {elapsed:.2f}s; spooled {len(spooled)} files")
    print(f"first finished: {first_finished['episode']}; words: {sum(word_counts.values())}")


if __name__ == "__main__":
    main()
