#!/usr/bin/env python3
"""Sensor fusion in three phases.

One worker per channel: calibrate (remove DC offset), smooth (EMA filter),
then count spikes. A threading.Barrier separates the phases and its action
advances a shared phase counter.
"""
import math
import threading

CHANNELS = 4
SAMPLES = 20000

raw = {ch: [math.sin(i * 0.003 * (ch + 1)) + 0.1 * ch for i in range(SAMPLES)] for ch in range(CHANNELS)}  # ok: GIL001
offsets = {}
smoothed = {}
total_spikes = 0
phase_log = []


class PhaseClock:
    def __init__(self):
        self.number = 0

    def advance(self):
        # Barrier action: runs in exactly one thread while all others are
        # still blocked inside barrier.wait().
        self.number += 1  # ok: GIL002
        phase_log.append(f"phase {self.number} complete")


clock = PhaseClock()
barrier = threading.Barrier(CHANNELS, action=clock.advance)


def calibrate(ch):
    data = raw[ch]
    acc = 0.0
    for x in data:  # expect: GIL001
        acc += x
    offsets[ch] = acc / len(data)


def smooth(ch, alpha=0.2):
    out = []
    off = offsets[ch]
    prev = raw[ch][0] - off
    for x in raw[ch]:  # expect: GIL001
        prev = alpha * (x - off) + (1 - alpha) * prev
        out.append(prev)
    smoothed[ch] = out


def count_spikes(ch, threshold=0.8):
    global total_spikes
    n = sum(1 for v in smoothed[ch] if abs(v) > threshold)  # expect: GIL001
    total_spikes += n  # expect: GIL002


def channel_worker(ch):
    calibrate(ch)
    barrier.wait()
    smooth(ch)
    barrier.wait()
    count_spikes(ch)
    barrier.wait()


def main():
    workers = [threading.Thread(target=channel_worker, args=(ch,), name=f"ch{ch}")
               for ch in range(CHANNELS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    for line in phase_log:
        print(line)
    for ch in range(CHANNELS):
        print(f"channel {ch}: offset={offsets[ch]:+.4f}")
    print(f"total spikes above threshold: {total_spikes}")


if __name__ == "__main__":
    main()
