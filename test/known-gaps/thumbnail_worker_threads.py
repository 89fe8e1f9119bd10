"""Gallery thumbnailer built on threading.Thread subclasses.

Images are flat lists of grey levels. Each worker downsamples its own
images in pure Python and reports into a Summary object that every worker
shares. Workers also keep a private tally on self.
"""
import random
import threading
import time


class Summary:
    def __init__(self):
        self.lock = threading.Lock()
        self.images = 0
        self.pixels_out = 0
        self.by_worker = {}


def downsample(pixels, width, factor):
    height = len(pixels) // width
    out = []
    for y in range(0, height, factor):  # expect: GIL001
        row = pixels[y * width:(y + 1) * width]
        out.extend(sum(row[x:x + factor]) // factor for x in range(0, width, factor))  # expect: GIL001
    return out


class ThumbnailWorker(threading.Thread):
    def __init__(self, name, jobs, summary, factor=4):
        super().__init__(name=name)
        self.jobs = jobs
        self.summary = summary
        self.factor = factor
        self.done = 0
        self.thumbs = []

    def run(self):
        for width, pixels in self.jobs:  # expect: GIL001
            thumb = downsample(pixels, width, self.factor)
            self.thumbs.append(thumb)
            self.done += 1  # ok: GIL002
            self.summary.pixels_out += len(thumb)  # expect: GIL002
            with self.summary.lock:
                self.summary.images += 1  # ok: GIL002
                self.summary.by_worker[self.name] = self.summary.by_worker.get(self.name, 0) + 1  # ok: GIL002


def make_image(rng, width, height):
    return width, [rng.randrange(256) for _ in range(width * height)]  # ok: GIL001


def main():
    rng = random.Random(2024)
    images = [make_image(rng, 128, 96) for _ in range(24)]
    summary = Summary()
    workers = [ThumbnailWorker(f"thumb-{i}", images[i::3], summary) for i in range(3)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - start
    for w in workers:
        print(f"{w.name}: {w.done} thumbnails, first={w.thumbs[0][:4]}")
    print(f"total images={summary.images} pixels_out={summary.pixels_out} "
          f"by_worker={summary.by_worker} in {elapsed:.3f}s")


if __name__ == "__main__":
    main()
