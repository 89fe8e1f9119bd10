# Models a photo upload service that converts, blurs and packs images in a thread pool.
"""Thumbnail pipeline.

Images are plain lists of RGB tuples. Conversion and blurring are done in
pure Python by pool workers; packing hands the rows to zlib.
"""
import random
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor

WIDTH = 240
HEIGHT = 240

frames_processed = 0
bytes_packed = 0
largest = {"size": 0, "bands": 0}
stats_lock = threading.Lock()


def synthetic_image(seed):
    rng = random.Random(seed)
    return [(rng.randrange(256), rng.randrange(256), rng.randrange(256))  # ok: GIL001
            for _ in range(WIDTH * HEIGHT)]


def to_grayscale(pixels):
    global frames_processed
    gray = [(r * 299 + g * 587 + b * 114) // 1000 for r, g, b in pixels]  # expect: GIL001
    frames_processed += 1  # expect: GIL002
    return gray


def box_blur(gray, width, height):
    out = [0] * (width * height)
    for y in range(1, height - 1):  # expect: GIL001
        row = y * width
        for x in range(1, width - 1):
            i = row + x
            acc = (gray[i - width - 1] + gray[i - width] + gray[i - width + 1]
                   + gray[i - 1] + gray[i] + gray[i + 1]
                   + gray[i + width - 1] + gray[i + width] + gray[i + width + 1])
            out[i] = acc // 9
    return out


def pack_rows(gray, width, band=60):
    global bytes_packed
    packed = []
    for top in range(0, len(gray) // width, band):  # ok: GIL001
        chunk = bytes(gray[top * width:(top + band) * width])
        packed.append(zlib.compress(chunk, 6))
    size = sum(len(p) for p in packed)
    with stats_lock:
        bytes_packed += size  # ok: GIL002
    if size > largest["size"]:  # expect: GIL003
        largest["size"] = size
        largest["bands"] = len(packed)
    return packed


def main():
    images = [synthetic_image(seed) for seed in range(3)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        gray_futures = [pool.submit(to_grayscale, img) for img in images]
        grays = [f.result() for f in gray_futures]
        blur_futures = [pool.submit(box_blur, g, WIDTH, HEIGHT) for g in grays]
        blurred = [f.result() for f in blur_futures]
        pack_futures = [pool.submit(pack_rows, b, WIDTH) for b in blurred]
        packs = [f.result() for f in pack_futures]
    print(f"frames={frames_processed} bands={sum(len(p) for p in packs)} "
          f"packed_bytes={bytes_packed} largest={largest['size']}")
    print("corner sample:", blurred[0][WIDTH + 1], blurred[-1][-WIDTH - 2])


if __name__ == "__main__":
    main()
