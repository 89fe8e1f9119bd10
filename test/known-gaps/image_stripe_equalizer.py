#!/usr/bin/env python3
"""Histogram equalization of a synthetic 8-bit grayscale image. Stripe workers
build partial histograms; the main thread builds the CDF and remaps pixels."""
import itertools
import operator
import random
import threading

WIDTH, HEIGHT, LEVELS = 320, 240, 256
STRIPES = 4


class SharedHistogram:
    def __init__(self):
        self.lock = threading.Lock()
        self.totals = [0] * LEVELS
        self.contributors = 0
        self.frozen = False
        self.peak = 0


class StripeWorker(threading.Thread):
    def __init__(self, image, rows, slot, partials, shared):
        super().__init__(name=f"stripe-{slot}")
        self.image, self.rows, self.slot = image, rows, slot
        self.partials, self.shared = partials, shared

    def run(self):
        hist = [0] * LEVELS
        pixels = itertools.chain.from_iterable(map(self.image.__getitem__, self.rows))
        for px in pixels:  # expect: GIL001
            hist[px] += 1  # ok: GIL002
        self.partials[self.slot] = hist

        self.shared.lock.acquire()  # expect: GIL005
        if self.shared.frozen:
            return
        self.shared.totals = list(map(operator.add, self.shared.totals, hist))
        self.shared.contributors += 1  # ok: GIL002
        self.shared.lock.release()

        peak = max(hist)
        if peak > self.shared.peak:  # expect: GIL003
            self.shared.peak = peak


def make_image(seed=9):
    rng = random.Random(seed)
    # low-contrast image: values squeezed into 90..160
    return [[min(160, max(90, int(rng.gauss(125, 12)))) for _ in range(WIDTH)]  # ok: GIL001
            for _ in range(HEIGHT)]


def equalize(image, hist):
    total = WIDTH * HEIGHT
    cdf, running = [], 0
    for count in hist:  # ok: GIL001
        running += count  # ok: GIL002
        cdf.append(running)
    cdf_min = next(c for c in cdf if c)
    lut = [round((c - cdf_min) / (total - cdf_min) * (LEVELS - 1)) if c else 0 for c in cdf]  # ok: GIL001
    return [[lut[px] for px in row] for row in image]  # ok: GIL001


def main():
    image = make_image()
    shared = SharedHistogram()
    partials = [None] * STRIPES
    workers = [StripeWorker(image, range(s, HEIGHT, STRIPES), s, partials, shared) for s in range(STRIPES)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()

    merged = [sum(col) for col in zip(*partials)]
    assert merged == shared.totals and shared.contributors == STRIPES
    out = equalize(image, merged)
    flat_in = [p for row in image for p in row]
    flat_out = [p for row in out for p in row]
    print(f"input range {min(flat_in)}..{max(flat_in)}, output range {min(flat_out)}..{max(flat_out)}")
    print(f"busiest level holds {max(merged)} pixels (stripe peak {shared.peak})")


if __name__ == "__main__":
    main()
