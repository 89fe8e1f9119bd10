"""Parchment drying frames: one watcher thread per herse turns the pegs as the skin dries.

The watchers share a tension board (peg-turn tallies, a journal of readings and the set of
dry frames); when every frame is dry a Timer starts the strain analysis of the grain.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

log = logging.getLogger("parchment.frame")

SIDES = ("head", "foot", "left", "right")
CFG = {
    "frames": 4,
    "interval_s": 0.004,
    "start_moisture": 0.8,
    "dry_below": 0.3,
    "analysis": {"points": 300_000, "seed": 20231},
}


@dataclass
class Skin:
    skin_id: int
    moisture: float
    tension: dict = field(default_factory=lambda: {s: 1.0 for s in SIDES})


class CallbackRegistry:
    """Event name -> callbacks; registration and firing may happen on any thread."""

    def __init__(self):
        self._callbacks = defaultdict(list)
        self._lock = threading.Lock()

    def on(self, event: str):
        def register(fn):
            with self._lock:
                self._callbacks[event].append(fn)
            return fn
        return register

    def fire(self, event: str, **payload):
        with self._lock:
            callbacks = list(self._callbacks[event])
        for cb in callbacks:
            cb(**payload)


class TensionBoard:
    def __init__(self, registry: CallbackRegistry, frames: int):
        self.registry = registry
        self.frames = frames
        self.peg_turns: dict[str, int] = {}
        self.dry_frames: set[int] = set()
        self.journal: list[float] = []
        self._lock = threading.Lock()
        self._journal_lock = threading.Lock()

    def turn_pegs(self, skin: Skin, moisture: float) -> None:
        for side in SIDES:  # ok: GIL001
            skin.tension[side] = round(1.0 + (0.8 - moisture) * 0.5, 3)
            self.peg_turns[side] = self.peg_turns.get(side, 0) + 1  # expect: GIL002

    def log_reading(self, raw: str) -> None:
        self._journal_lock.acquire()  # expect: GIL005
        value = float(raw.split("=", 1)[1])  # a malformed reading raises here
        self.journal.append(value)
        self._journal_lock.release()

    def mark_dry(self, skin_id: int) -> None:
        fire = False
        with self._lock:
            if skin_id not in self.dry_frames:  # ok: GIL003
                self.dry_frames.add(skin_id)
                fire = len(self.dry_frames) == self.frames
        if fire:
            self.registry.fire("all_dry", count=self.frames)


class FrameWatcher:
    def __init__(self, skin: Skin, board: TensionBoard, interval: float, dry_below: float):
        self.skin = skin
        self.board = board
        self.interval = interval
        self.dry_below = dry_below
        self._stop = threading.Event()

    def watch(self) -> None:
        moisture = self.skin.moisture
        while moisture > self.dry_below:
            self._stop.wait(self.interval)  # let the skin dry a little
            moisture = round(moisture * 0.82, 4)
            self.board.turn_pegs(self.skin, moisture)
            self.board.log_reading(f"skin{self.skin.skin_id}={moisture}")
        self.skin.moisture = moisture
        self.board.mark_dry(self.skin.skin_id)


class GrainAnalyst:
    def __init__(self):
        self.result: float | None = None
        self.finished = threading.Event()

    def run(self, points: int, seed: int) -> None:
        started = time.perf_counter()
        self.result = self.strain_map(points, seed)
        log.info("strain map in %.1f ms", (time.perf_counter() - started) * 1000)
        self.finished.set()

    @staticmethod
    def strain_map(points: int, seed: int) -> float:
        acc = 0.0
        x = seed
        for _ in range(points):  # expect: GIL001
            x = (x * 1103515245 + 12345) % 2147483648
            acc += (x % 1000) / 1000.0
        return acc / points


def main():
    logging.basicConfig(level=logging.WARNING)
    registry = CallbackRegistry()
    board = TensionBoard(registry, CFG["frames"])
    analyst = GrainAnalyst()

    @registry.on("all_dry")
    def start_analysis(count: int):
        log.info("%d frames dry, scheduling analysis", count)
        timer = threading.Timer(0.001, analyst.run, kwargs=CFG["analysis"])
        timer.start()

    skins = [Skin(i, CFG["start_moisture"]) for i in range(CFG["frames"])]
    watchers = [FrameWatcher(s, board, CFG["interval_s"], CFG["dry_below"]) for s in skins]
    threads = [threading.Thread(target=w.watch, name=f"herse-{w.skin.skin_id}")
               for w in watchers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if not analyst.finished.wait(timeout=4.0):
        raise SystemExit("analysis did not finish")
    print(f"dry frames={sorted(board.dry_frames)} peg turns={board.peg_turns}")
    print(f"journal entries={len(board.journal)} last tension={skins[0].tension}")
    print(f"strain index={analyst.result:.4f}")


if __name__ == "__main__":
    main()
