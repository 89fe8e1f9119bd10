"""Quantize drum-machine recordings to a swung grid, one worker thread per track.

Workers are small supervisor objects that keep the function to run and its
keyword arguments; a click-track writer runs beside the quantizers.
"""
from __future__ import annotations

import logging
import os
import random
import tempfile
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("drums.quantize")

CONFIG = {"grid": 0.25, "strength": 0.8, "humanize_ms": 3.0, "tempo": 96}
TRACKS = {"kick": 0.6, "snare": 0.5, "hihat": 0.95, "toms": 0.35}

_tls = threading.local()


@dataclass(frozen=True)
class Hit:
    onset: float  # in beats
    velocity: int


class Worker:
    """A named thread around an arbitrary runner and its keyword arguments."""

    def __init__(self, name: str, runner, **kwargs):
        self.name = name
        self._runner = runner
        self._kwargs = kwargs
        self._thread: threading.Thread | None = None
        self.result = None

    def _main(self) -> None:
        started = time.perf_counter()
        self.result = self._runner(**self._kwargs)
        log.debug("%s finished in %.1f ms", self.name, (time.perf_counter() - started) * 1e3)

    def start(self) -> "Worker":
        self._thread = threading.Thread(target=self._main, name=self.name)
        self._thread.start()
        return self

    def join(self):
        self._thread.join()
        return self.result


class GrooveQuantizer:
    def __init__(self, *, grid: float, strength: float, swing: float, humanize_ms: float, tempo: int):
        self.grid = grid
        self.strength = strength
        self.swing = swing
        self.humanize_beats = humanize_ms / 1000.0 * tempo / 60.0
        self._processed = 0
        self._lock = threading.Lock()
        self.per_track: dict[str, int] = {}

    @property
    def processed(self) -> int:
        return self._processed

    @processed.setter
    def processed(self, value: int) -> None:
        self._processed = value

    def _humanize(self) -> float:
        rng = getattr(_tls, "rng", None)
        if rng is None:
            rng = _tls.rng = random.Random(threading.get_ident())
            _tls.draws = 0
        _tls.draws += 1  # ok: GIL002
        return rng.gauss(0.0, self.humanize_beats)

    def quantize_track(self, track: str, hits: list) -> list:
        out = []
        for hit in hits:  # expect: GIL001
            slot = round(hit.onset / self.grid)
            target = slot * self.grid
            if slot % 2:
                target += self.grid * (self.swing - 0.5)
            onset = hit.onset + (target - hit.onset) * self.strength + self._humanize()
            accent = 1.1 if slot % 4 == 0 else 0.95
            out.append(Hit(onset, min(127, max(1, int(hit.velocity * accent)))))
        self.processed += len(out)  # expect: GIL002
        with self._lock:
            self.per_track[track] = self.per_track.get(track, 0) + len(out)  # ok: GIL002
        return out


def write_click(path: str, bars: int, tempo: int) -> int:
    """Write a click track, pacing it like the hardware metronome does."""
    with open(path, "w", encoding="utf-8") as fh:
        for beat in range(bars * 4):  # ok: GIL001
            fh.write(f"{beat}\t{'ACCENT' if beat % 4 == 0 else 'click'}\t{tempo}\n")
            time.sleep(0.001)
    return bars * 4


def record(density: float, beats: int, seed: int) -> list:
    rng = random.Random(seed)
    hits = []
    t = 0.0
    while t < beats:
        if rng.random() < density:
            hits.append(Hit(t + rng.uniform(-0.03, 0.03), rng.randint(40, 120)))
        t += 0.125
    return hits


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    config = dict(CONFIG)
    if "swing" not in config:  # ok: GIL003
        config["swing"] = 0.58
    quantizer = GrooveQuantizer(**config)
    takes = {name: record(density, 6_000, seed) for seed, (name, density) in enumerate(TRACKS.items())}

    with tempfile.TemporaryDirectory() as workdir:
        workers = [Worker(f"quantize-{name}", quantizer.quantize_track, track=name, hits=hits)
                   for name, hits in takes.items()]
        workers.append(Worker("click", write_click, path=os.path.join(workdir, "click.txt"),
                              bars=8, tempo=config["tempo"]))
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        results = {w.name: w.join() for w in workers}
        elapsed = time.perf_counter() - started

    clicks = results.pop("click")
    moved = sum(len(v) for v in results.values())
    print(f"quantized {moved} hits on {len(results)} tracks ({quantizer.processed} counted) "
          f"in {elapsed:.2f}s; per track {quantizer.per_track}; {clicks} clicks written")


if __name__ == "__main__":
    main()
