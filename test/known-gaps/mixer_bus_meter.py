#!/usr/bin/env python3
"""Mixer bus meter: every channel strip renders and meters its own signal in a
thread, then reports peak/RMS into the shared meter bridge for the console."""
import math
import threading

SAMPLE_RATE = 8000
BLOCK = 20000

# name -> (frequency Hz, amplitude, fader gain dB)
CHANNELS = {
    "kick": (55.0, 0.9, 2.0),
    "snare": (190.0, 0.7, -1.5),
    "bass": (41.2, 0.8, 1.0),
    "vox": (440.0, 0.5, 3.0),
    "pad": (261.6, 0.4, -6.0),
}

meter_lock = threading.Lock()
meter_bridge = {}
clipped_channels = 0


def render_tone(freq, amp, n):
    step = 2.0 * math.pi * freq / SAMPLE_RATE
    return [amp * math.sin(step * i) for i in range(n)]  # expect: GIL001


def channel_strip(name, freq, amp, gain_db):
    global clipped_channels
    gain = 10 ** (gain_db / 20.0)
    samples = render_tone(freq, amp, BLOCK)
    energy = 0.0
    peak = 0.0
    for s in samples:  # expect: GIL001
        v = s * gain
        energy += v * v  # ok: GIL002
        if abs(v) > peak:
            peak = abs(v)
    rms = math.sqrt(energy / len(samples))
    if peak > 1.0:
        clipped_channels += 1  # expect: GIL002
    with meter_lock:
        meter_bridge[name] = (peak, rms)
        meter_bridge["_reports"] = meter_bridge.get("_reports", 0) + 1  # ok: GIL002


def to_dbfs(x):
    return 20.0 * math.log10(x) if x > 0 else float("-inf")


def main():
    strips = []
    for name, (freq, amp, gain_db) in CHANNELS.items():
        t = threading.Thread(target=channel_strip, args=(name, freq, amp, gain_db),
                             name=f"strip-{name}")
        strips.append(t)
        t.start()
    for t in strips:
        t.join()

    reports = meter_bridge.pop("_reports")
    print(f"meter bridge: {reports} strips reported")
    for name in sorted(meter_bridge):
        peak, rms = meter_bridge[name]
        flag = "CLIP" if peak > 1.0 else ""
        print(f"  {name:6s} peak {to_dbfs(peak):6.2f} dBFS  rms {to_dbfs(rms):6.2f} dBFS {flag}")
    print(f"clipped channels: {clipped_channels}")


if __name__ == "__main__":
    main()
