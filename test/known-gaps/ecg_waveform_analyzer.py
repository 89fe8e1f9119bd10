#!/usr/bin/env python3
"""Analyse 12-lead ECG recordings: R-peak detection per lead plus compressed archiving."""
import math
import os
import random
import zlib
from concurrent.futures import ThreadPoolExecutor

FS = 500  # Hz


def synth_lead(lead_no, seconds=8, bpm=72):
    rng = random.Random(lead_no)
    period = 60.0 / bpm
    amp = 0.6 + lead_no * 0.05
    return [amp * math.exp(-((t / FS) % period - 0.2) ** 2 / 0.0002) + rng.gauss(0, 0.03)
            for t in range(seconds * FS)]


class EcgStudy:
    def __init__(self, patient, leads):
        self.patient = patient
        self.leads = leads
        self.hr_histogram = {}      # rounded heart rate -> number of leads
        self.archive = []

    def analyze_lead(self, lead_no):
        sig = self.leads[lead_no]
        threshold = 0.5 * max(sig)
        peaks = []
        last = -FS
        for i in range(1, len(sig) - 1):  # expect: GIL001
            if sig[i] > threshold and sig[i - 1] <= sig[i] >= sig[i + 1] and i - last > FS // 4:
                peaks.append(i)
                last = i
        span = (peaks[-1] - peaks[0]) / FS if len(peaks) > 1 else 0
        hr = round(60 * (len(peaks) - 1) / span) if span else 0
        bucket = hr // 5 * 5
        self.hr_histogram[bucket] = self.hr_histogram.get(bucket, 0) + 1  # expect: GIL002
        return lead_no, len(peaks), hr

    def archive_raw(self, blobs):
        for blob in blobs:  # ok: GIL001
            self.archive.append(zlib.compress(blob, 6))


def main():
    leads = [synth_lead(n) for n in range(12)]  # ok: GIL001
    study = EcgStudy("MRN-55012", leads)
    # raw ADC dumps from the cart: large binary blocks, mostly compressible
    blobs = [os.urandom(256 * 1024) + bytes(768 * 1024) for _ in range(6)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        archiver = pool.submit(study.archive_raw, blobs)
        futures = [pool.submit(study.analyze_lead, n) for n in range(12)]
        results = [f.result() for f in futures]
        archiver.result()

    names = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"]
    for lead_no, n_peaks, hr in results:
        print(f"  lead {names[lead_no]:3s}: {n_peaks:2d} R-peaks, HR {hr} bpm")
    print(f"HR histogram: {dict(sorted(study.hr_histogram.items()))}")
    raw = sum(len(b) for b in blobs)
    packed = sum(len(b) for b in study.archive)
    print(f"archived {len(study.archive)} blocks, {raw} -> {packed} bytes")


if __name__ == "__main__":
    main()
