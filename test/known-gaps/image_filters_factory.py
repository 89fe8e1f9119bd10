# Image processing service: filters built by a factory from a pipeline config, run on worker pools.
import random
import threading
from abc import ABC, abstractmethod
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

WIDTH, HEIGHT = 600, 400
PIPELINE = ["blur", "invert", "threshold"]


class Filter(ABC):
    name = "filter"

    @abstractmethod
    def apply(self, pixels):
        """Return a new flat list of 0-255 pixel values."""


class BoxBlur(Filter):
    name = "blur"

    def __init__(self):
        self.runs = 0

    def apply(self, pixels):
        self.runs += 1  # expect: GIL002
        out = pixels[:]
        for i in range(1, len(pixels) - 1):  # expect: GIL001
            out[i] = (pixels[i - 1] + pixels[i] + pixels[i + 1]) // 3
        return out


class Invert(Filter):
    name = "invert"

    def apply(self, pixels):
        inverted = [255 - p for p in pixels]  # expect: GIL001
        return inverted


class Threshold(Filter):
    name = "threshold"

    def __init__(self, cutoff=128):
        self.cutoff = cutoff

    def apply(self, pixels):
        return bytes(pixels).translate(self.table())

    def table(self):
        return bytes(255 if v >= self.cutoff else 0 for v in range(256))  # ok: GIL001


class FilterFactory:
    registry = {cls.name: cls for cls in (BoxBlur, Invert, Threshold)}

    @classmethod
    def build(cls, names):
        return [cls.registry[name]() for name in names]


class Job:
    def __init__(self, image_id, flt, pixels):
        self.image_id = image_id
        self.filter = flt
        self.pixels = pixels


def luminance_histogram(pixels):
    buckets = [0] * 16
    for p in pixels:  # ok: GIL001
        buckets[p >> 4] += 1
    return buckets


class ImageService:
    def __init__(self, filters):
        self.filters = filters
        self.processed = {}
        self._lock = threading.Lock()

    def run(self, images):
        jobs = [Job(i, f, px) for i, px in enumerate(images) for f in self.filters]
        with ThreadPoolExecutor(max_workers=3) as pool:
            results = list(pool.map(lambda job: (job, job.filter.apply(job.pixels)), jobs))
        for job, _ in results:
            with self._lock:
                self.processed[job.filter.name] = self.processed.get(job.filter.name, 0) + 1  # ok: GIL002
        with ProcessPoolExecutor(max_workers=2) as procs:
            histograms = list(procs.map(luminance_histogram, images))
        return results, histograms


def main():
    rng = random.Random(7)
    images = [[rng.randrange(256) for _ in range(WIDTH * HEIGHT)] for _ in range(2)]  # ok: GIL001
    service = ImageService(FilterFactory.build(PIPELINE))
    results, histograms = service.run(images)
    print("processed:", service.processed)
    print("outputs:", [(job.image_id, job.filter.name, len(out)) for job, out in results])
    print("dark pixels per image:", [h[0] for h in histograms])


if __name__ == "__main__":
    main()
