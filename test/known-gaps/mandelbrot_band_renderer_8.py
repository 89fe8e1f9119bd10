#!/usr/bin/env python3
"""ASCII Mandelbrot renderer.

RenderWorker threads (Thread subclasses) each own an interleaved set of
pixels. A Barrier separates the render pass from the histogram pass; the
partial histograms are merged under a lock.
"""
import threading
from collections import Counter

WIDTH, HEIGHT, MAX_ITER = 96, 40, 80
PALETTE = " .:-=+*#%@"


class RenderWorker(threading.Thread):
    def __init__(self, index, nworkers, canvas, barrier, histogram, hist_lock):
        super().__init__(name=f"render-{index}")
        self.index = index
        self.nworkers = nworkers
        self.canvas = canvas
        self.barrier = barrier
        self.histogram = histogram
        self.hist_lock = hist_lock
        self.pixels_done = 0

    def escape_time(self, cx, cy):
        zx = zy = 0.0
        for i in range(MAX_ITER):  # expect: GIL001
            zx, zy = zx * zx - zy * zy + cx, 2.0 * zx * zy + cy
            if zx * zx + zy * zy > 4.0:
                return i
        return MAX_ITER

    def render(self):
        for p in range(self.index, WIDTH * HEIGHT, self.nworkers):  # expect: GIL001
            y, x = divmod(p, WIDTH)
            cx = -2.2 + 3.0 * x / WIDTH
            cy = -1.2 + 2.4 * y / HEIGHT
            self.canvas[p] = self.escape_time(cx, cy)
            self.pixels_done += 1  # ok: GIL002

    def run(self):
        self.render()
        self.barrier.wait()  # every pixel is final from here on
        local = Counter()
        for p in range(self.index, WIDTH * HEIGHT, self.nworkers):  # expect: GIL001
            local[self.canvas[p] * len(PALETTE) // (MAX_ITER + 1)] += 1  # ok: GIL002
        with self.hist_lock:
            self.histogram.update(local)


def main():
    nworkers = 4
    canvas = [0] * (WIDTH * HEIGHT)
    histogram = Counter()
    hist_lock = threading.Lock()
    barrier = threading.Barrier(nworkers)
    workers = [RenderWorker(i, nworkers, canvas, barrier, histogram, hist_lock)
               for i in range(nworkers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    for y in range(0, HEIGHT, 2):  # ok: GIL001
        row = canvas[y * WIDTH:(y + 1) * WIDTH]
        print("".join(PALETTE[v * len(PALETTE) // (MAX_ITER + 1)] for v in row))
    print("pixels per worker:", [w.pixels_done for w in workers])
    print("shade histogram:", dict(sorted(histogram.items())))


if __name__ == "__main__":
    main()
