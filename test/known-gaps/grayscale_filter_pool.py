#!/usr/bin/env python3
"""Convert a synthetic RGB image to grayscale, one band of rows per thread,
then invert the result in a second parallel pass."""
import threading

WIDTH, HEIGHT = 160, 120
BANDS = 4

bands_done = 0
bright_per_band = {}


def synth_image(w, h):
    img = bytearray(w * h * 3)
    for i in range(w * h):  # ok: GIL001
        x, y = i % w, i // w
        img[3 * i] = (x * 255) // w
        img[3 * i + 1] = (y * 255) // h
        img[3 * i + 2] = (x ^ y) & 0xFF
    return img


def luma(r, g, b):
    return (299 * r + 587 * g + 114 * b) // 1000


def to_gray(src, dst, row0, row1, width):
    global bands_done
    bright = 0
    for p in range(row0 * width, row1 * width):  # expect: GIL001
        v = luma(src[3 * p], src[3 * p + 1], src[3 * p + 2])
        dst[p] = v
        if v > 200:
            bright += 1  # ok: GIL002
    bright_per_band[row0] = bright
    bands_done += 1  # expect: GIL002


def invert_span(buf, start, stop):
    buf[start:stop] = bytes(255 - v for v in buf[start:stop])  # expect: GIL001


def run_pass(make_target, count):
    threads = [threading.Thread(target=make_target(i), name=f"band-{i}") for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def main():
    src = synth_image(WIDTH, HEIGHT)
    gray = bytearray(WIDTH * HEIGHT)
    step = HEIGHT // BANDS

    run_pass(lambda b: (lambda: to_gray(src, gray, b * step, (b + 1) * step, WIDTH)), BANDS)
    before = bytes(gray)

    span = len(gray) // BANDS
    run_pass(lambda b: (lambda: invert_span(gray, b * span, (b + 1) * span)), BANDS)

    checksum = 0
    for a, b in zip(before, gray):  # ok: GIL001
        assert a + b == 255
        checksum = (checksum * 31 + b) & 0xFFFFFFFF  # ok: GIL002
    print(f"bands={bands_done} bright={sum(bright_per_band.values())} checksum={checksum:08x}")


if __name__ == "__main__":
    main()
