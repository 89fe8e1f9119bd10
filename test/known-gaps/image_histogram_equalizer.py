#!/usr/bin/env python3
"""Histogram equalisation of a grayscale image: per-tile histograms and the
lookup-table pass run on a thread pool, the merge runs in the main thread."""
from concurrent.futures import ThreadPoolExecutor

W, H = 128, 96
TILES = 4

partials = []
tiles_seen = 0


def make_image():
    return bytearray((x * 3 + y * y) % 120 + 40 for y in range(H) for x in range(W))  # ok: GIL001


def tile_histogram(img, start, stop):
    global tiles_seen
    hist = [0] * 256
    for v in img[start:stop]:  # expect: GIL001
        hist[v] += 1  # ok: GIL002
    partials.append(hist)
    tiles_seen = tiles_seen + 1  # expect: GIL002
    return stop - start


def build_lut(hist, total):
    lut = [0] * 256
    cdf = 0
    cdf_min = next(c for c in hist if c)
    for v in range(256):  # ok: GIL001
        cdf += hist[v]
        lut[v] = max(0, min(255, round((cdf - cdf_min) * 255 / max(1, total - cdf_min))))
    return bytes(lut)


def apply_lut(img, lut, start, stop):
    img[start:stop] = bytes(lut[v] for v in img[start:stop])  # expect: GIL001


def main():
    img = make_image()
    span = len(img) // TILES
    ranges = [(i * span, (i + 1) * span) for i in range(TILES)]

    with ThreadPoolExecutor(max_workers=TILES) as pool:
        counted = sum(pool.map(lambda r: tile_histogram(img, *r), ranges))

    merged = [0] * 256
    for hist in partials:  # ok: GIL001
        for v, c in enumerate(hist):
            merged[v] += c  # ok: GIL002
    lut = build_lut(merged, counted)

    with ThreadPoolExecutor(max_workers=TILES) as pool:
        list(pool.map(lambda r: apply_lut(img, lut, *r), ranges))

    print(f"tiles={tiles_seen} pixels={counted}")
    print(f"input range {min(i for i, c in enumerate(merged) if c)}..{max(i for i, c in enumerate(merged) if c)}")
    print(f"output range {min(img)}..{max(img)}")


if __name__ == "__main__":
    main()
