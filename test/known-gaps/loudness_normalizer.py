#!/usr/bin/env python3
"""Album loudness normalizer: one thread per track measures mean-square loudness
(with a crude K-weighting pre-filter), computes the gain to hit the target and
renders the gained track."""
import functools
import math
import random
import threading

TARGET_DB = -14.0
CEILING = 0.98

tracks_limited = 0
results = {}


def k_weight(samples, a=0.85):
    out = [0.0] * len(samples)
    prev_x = prev_y = 0.0
    for i, x in enumerate(samples):  # expect: GIL001
        y = x - prev_x + a * prev_y
        out[i] = y
        prev_x, prev_y = x, y
    return out


def loudness_db(samples):
    weighted = k_weight(samples)
    ms = sum(v * v for v in weighted) / len(weighted)  # expect: GIL001
    return 10.0 * math.log10(ms + 1e-12)


def normalize_track(title, samples, target_db, report_lock):
    global tracks_limited
    level = loudness_db(samples)
    gain = 10 ** ((target_db - level) / 20.0)
    rendered = [max(-CEILING, min(CEILING, s * gain)) for s in samples]  # expect: GIL001
    peak = max(map(abs, samples)) * gain
    if peak > CEILING:
        tracks_limited += 1  # expect: GIL002
    with report_lock:
        results[title] = (level, 20 * math.log10(gain), len(rendered))


def fake_track(seed, amp, n=15000):
    rng = random.Random(seed)
    return [amp * math.sin(i / (7 + seed)) + 0.05 * (rng.random() - 0.5) for i in range(n)]


def main():
    quiet = fake_track(3, 0.05)
    quiet[4000] = 0.9  # door slam left in the field recording
    album = {
        "01 Overture": fake_track(1, 0.2),
        "02 Ridgeline": fake_track(2, 0.6),
        "03 Quiet Hours": quiet,
        "04 Afterglow": fake_track(4, 0.9),
    }
    report_lock = threading.Lock()
    job = functools.partial(normalize_track, target_db=TARGET_DB, report_lock=report_lock)
    workers = [threading.Thread(target=functools.partial(job, title, samples))
               for title, samples in album.items()]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    for title in sorted(results):
        level, gain_db, n = results[title]
        print(f"{title:16s} measured {level:6.1f} dB  gain {gain_db:+6.1f} dB  ({n} samples)")
    print(f"tracks hitting the ceiling: {tracks_limited}")


if __name__ == "__main__":
    main()
