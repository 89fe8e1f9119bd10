#!/usr/bin/env python3
"""Tiny render farm: dispatcher threads launch render processes and track progress."""
import math
import multiprocessing as mp
import threading
import time

FRAME_W, FRAME_H = 48, 32


def shade_frame(frame_no, slot, progress, frames_done, rendered):
    total = 0.0
    for px in range(FRAME_W * FRAME_H):  # ok: GIL001
        x, y = px % FRAME_W, px // FRAME_W
        total += math.sin(x * 0.1 + frame_no) * math.cos(y * 0.1)
    progress[slot] += 1  # ok: GIL002
    frames_done.value += 1  # expect: GIL002
    rendered[frame_no] = round(total, 3)


class CostEstimator(threading.Thread):
    def __init__(self, frames):
        super().__init__(name="estimator")
        self.frames = frames
        self.estimate = 0.0

    def run(self):
        for f in self.frames:  # expect: GIL001
            self.estimate += (f % 7 + 1) ** 1.5 * math.log(f + 2)  # ok: GIL002


class Dispatcher(threading.Thread):
    def __init__(self, slot, frames, progress, frames_done, rendered):
        super().__init__(name=f"node-{slot}")
        self.slot, self.frames = slot, frames
        self.shared = (progress, frames_done, rendered)
        self.launched = 0

    def run(self):
        for frame in self.frames:  # ok: GIL001
            proc = mp.Process(target=shade_frame, args=(frame, self.slot, *self.shared))
            proc.start()
            proc.join()
            self.launched += 1  # ok: GIL002


class ProgressTicker(threading.Thread):
    def __init__(self, progress, stop):
        super().__init__(daemon=True)
        self.progress, self.stop, self.snapshots = progress, stop, []

    def run(self):
        while not self.stop.wait(0.05):  # ok: GIL001
            self.snapshots.append(list(self.progress))


def main():
    frames = list(range(24))
    nodes = 3
    progress = mp.Array("i", nodes)
    frames_done = mp.Value("i", 0)
    rendered = mp.Array("d", len(frames))
    estimator = CostEstimator(range(200_000))
    estimator.start()
    stop = threading.Event()
    ticker = ProgressTicker(progress, stop)
    ticker.start()
    dispatchers = [Dispatcher(i, frames[i::nodes], progress, frames_done, rendered)
                   for i in range(nodes)]
    started = time.perf_counter()
    for d in dispatchers:
        d.start()
    for d in dispatchers:
        d.join()
    stop.set()
    ticker.join()
    estimator.join()
    elapsed = time.perf_counter() - started
    print(f"rendered {frames_done.value}/{len(frames)} frames in {elapsed:.2f}s")
    print("per node:", list(progress), "launched:", [d.launched for d in dispatchers])
    print("estimated cost units:", round(estimator.estimate, 1))
    print("progress snapshots taken:", len(ticker.snapshots))
    print("checksum:", round(sum(rendered[:]), 3))


if __name__ == "__main__":
    main()
