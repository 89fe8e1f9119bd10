#!/usr/bin/env python3
"""Peak/RMS meter for a multichannel recording: one thread per channel
meters its samples; a Timer takes a snapshot of the global peak."""
import array
import math
import random
import threading

RATE = 16000
peak_level = 0
channels_metered = 0
report_lock = threading.Lock()
report = []


def synth_channel(ch, seconds):
    rng = random.Random(ch)
    amp = 4000 + 3000 * ch
    n = int(RATE * seconds)
    return array.array("h", (int(amp * math.sin(i * (ch + 1) * 0.01)) + rng.randint(-500, 500) for i in range(n)))  # ok: GIL001


def meter_channel(ch, samples):
    global peak_level, channels_metered
    acc = 0
    local_peak = 0
    for s in samples:  # expect: GIL001
        acc += s * s  # ok: GIL002
        if abs(s) > local_peak:  # ok: GIL003
            local_peak = abs(s)
    level_db = 20 * math.log10(math.sqrt(acc / len(samples)) / 32768)
    if local_peak > peak_level:  # expect: GIL003
        peak_level = local_peak
    channels_metered += 1  # expect: GIL002
    with report_lock:
        report.append((ch, local_peak, level_db))


def snapshot(out):
    out.append(("snapshot", peak_level, channels_metered))


def main():
    chans = [synth_channel(ch, 0.25) for ch in range(4)]
    taken = []
    timer = threading.Timer(0.01, snapshot, args=(taken,))
    timer.start()
    workers = [threading.Thread(target=meter_channel, args=(ch, data)) for ch, data in enumerate(chans)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    timer.join()

    for ch, pk, db in sorted(report):
        print(f"ch{ch}: peak={pk:>5} rms={db:6.1f} dBFS")
    print(f"global peak={peak_level} channels={channels_metered} early snapshot={taken}")


if __name__ == "__main__":
    main()
