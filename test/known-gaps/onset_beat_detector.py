#!/usr/bin/env python3
"""Offline beat detector: splits a (synthetic) drum loop into analysis frames,
measures frame energy on a thread pool, then picks onsets and estimates BPM."""
import math
import random
import threading
from concurrent.futures import ThreadPoolExecutor

SR = 11025
FRAME = 512
TRUE_BPM = 120


def make_drum_loop(seconds=4.0, bpm=TRUE_BPM):
    rng = random.Random(7)
    n = int(SR * seconds)
    beat = int(SR * 60 / bpm)
    out = [0.02 * (rng.random() - 0.5) for _ in range(n)]  # ok: GIL001
    for start in range(0, n, beat):
        for i in range(min(800, n - start)):
            out[start + i] += math.exp(-i / 120.0) * math.sin(i * 0.3)
    return out


progress_lock = threading.Lock()
progress = {"frames": 0}
loudest_lock = threading.Lock()
loudest = {"energy": 0.0, "index": -1}


def frame_energy(job):
    index, frame = job
    e = 0.0
    for x in frame:  # expect: GIL001
        e += x * x
    with progress_lock:
        progress["frames"] += 1  # ok: GIL002
    with loudest_lock:
        if e > loudest["energy"]:  # ok: GIL003
            loudest["energy"] = e
            loudest["index"] = index
    return e


def pick_onsets(energies, ratio=3.0):
    onsets = []
    for i in range(1, len(energies)):  # ok: GIL001
        prev = energies[i - 1] + 1e-9
        if energies[i] / prev > ratio and (not onsets or i - onsets[-1] > 4):
            onsets.append(i)
    return onsets


def estimate_bpm(onsets):
    gaps = [b - a for a, b in zip(onsets, onsets[1:])]
    if not gaps:
        return 0.0
    gaps.sort()
    median = gaps[len(gaps) // 2]
    return 60.0 * SR / (median * FRAME)


def main():
    signal = make_drum_loop()
    jobs = [(i, signal[off:off + FRAME])
            for i, off in enumerate(range(0, len(signal) - FRAME, FRAME))]
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="energy") as pool:
        energies = list(pool.map(frame_energy, jobs))
    onsets = pick_onsets(energies)
    print(f"analysed {progress['frames']} frames, loudest frame #{loudest['index']}")
    print(f"onsets at frames: {onsets[:10]}{' ...' if len(onsets) > 10 else ''}")
    print(f"estimated tempo: {estimate_bpm(onsets):.1f} BPM (reference {TRUE_BPM})")


if __name__ == "__main__":
    main()
