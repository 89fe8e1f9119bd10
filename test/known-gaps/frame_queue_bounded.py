"""Camera frames through a bounded queue.Queue(maxsize=8): one producer, two histogram consumers."""
import os
import queue
import threading
import time

WIDTH, HEIGHT = 160, 120
FRAMES = 120
CONSUMERS = 2

frames = queue.Queue(maxsize=8)
histogram = [0] * 16
hist_lock = threading.Lock()


def camera(count):
    for seq in range(count):  # ok: GIL001
        frames.put((seq, os.urandom(WIDTH * HEIGHT)))
    for _ in range(CONSUMERS):
        frames.put(None)


def analyse():
    local = [0] * 16
    while True:  # expect: GIL001
        item = frames.get()
        if item is None:
            break
        _, pixels = item
        for value in pixels:
            local[value >> 4] += 1  # ok: GIL002
    with hist_lock:
        for bucket, n in enumerate(local):
            histogram[bucket] += n  # ok: GIL002


if __name__ == "__main__":
    start = time.perf_counter()
    threads = [threading.Thread(target=camera, args=(FRAMES,), name="camera")]
    threads += [threading.Thread(target=analyse, name=f"analyse-{i}") for i in range(CONSUMERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    pixels = sum(histogram)
    print(f"{FRAMES} frames, {pixels} pixels (expected {FRAMES * WIDTH * HEIGHT}) in {elapsed:.3f}s")
    print(f"{pixels / elapsed / 1e6:.2f} Mpixel/s; darkest bucket {histogram[0]}, "
          f"brightest bucket {histogram[-1]}")
