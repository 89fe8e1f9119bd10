"""Proof-sheet generator: grayscale filters over photos, one thread per (photo, filter).

Images are lists of rows of ints 0..255. The filters are plain Python pixel loops;
the writer thread only waits on its queue and on the disk.
"""
import os
import queue
from functools import partial
from threading import Thread as T

WIDTH, HEIGHT = 640, 480
OUT_DIR = "/tmp/proofs"
stats = {"images": 0, "pixels": 0}


def synthetic(seed):
    return [[(x * seed + y * 7) % 256 for x in range(WIDTH)] for y in range(HEIGHT)]  # ok: GIL001


def box_blur(img):
    h = len(img)
    out = [img[0]]
    for y in range(1, h - 1):  # expect: GIL001
        above, row, below = img[y - 1], img[y], img[y + 1]
        new = [row[0]]
        for x in range(1, len(row) - 1):
            total = above[x - 1] + above[x] + above[x + 1] + row[x - 1] + row[x] + row[x + 1]
            total += below[x - 1] + below[x] + below[x + 1]  # ok: GIL002
            new.append(total // 9)
        new.append(row[-1])
        out.append(new)
    out.append(img[-1])
    return out


def threshold(img, cut):
    return [[255 if p >= cut else 0 for p in row] for row in img]  # expect: GIL001


def invert(img):
    return [[255 - p for p in row] for row in img]  # expect: GIL001


def block_mean(img, y, x, f):
    return sum(sum(img[y + dy][x:x + f]) for dy in range(f)) // (f * f)


def downscale(img, f):
    rows = []
    for y in range(0, len(img) - f + 1, f):  # expect: GIL001
        rows.append([block_mean(img, y, x, f) for x in range(0, len(img[0]) - f + 1, f)])
    return rows


def make_thumbnail(img):
    return downscale(img, 4)


def record(img):
    stats["images"] += 1  # expect: GIL002
    stats["pixels"] += len(img) * len(img[0])  # expect: GIL002


class FilterWorker(T):
    def __init__(self, label, image, op, outbox):
        super().__init__(name=f"filter-{label}")
        self.label, self.image, self.op, self.outbox = label, image, op, outbox

    def run(self):
        result = self.op(self.image)
        record(result)
        self.outbox.put((result, os.path.join(OUT_DIR, f"{self.label}.pgm")))


def save_pgm(img, path):
    with open(path, "wb") as fh:
        fh.write(b"P5\n%d %d\n255\n" % (len(img[0]), len(img)))
        fh.writelines(map(bytes, img))


def writer(jobs):
    while True:  # ok: GIL001
        item = jobs.get()
        if item is None:
            break
        save_pgm(*item)


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    photos = {name: synthetic(seed) for seed, name in enumerate(("dunes", "harbour", "forest"), 3)}
    jobs = queue.Queue()
    saver = T(target=writer, args=(jobs,), daemon=True)
    saver.start()

    ops = {
        "blur": box_blur,
        "mask": partial(threshold, cut=128),
        "negative": lambda img: invert(img),
    }
    workers = [FilterWorker(f"{name}-{op_name}", img, op, jobs)
               for name, img in photos.items() for op_name, op in ops.items()]
    thumbs = []
    workers += [T(target=lambda img=img: thumbs.append(make_thumbnail(img))) for img in photos.values()]
    for w in workers:
        w.start()
    for w in workers:
        w.join()

    jobs.put(None)
    saver.join()
    print(f"{stats['images']} filtered images, {stats['pixels']} pixels, {len(thumbs)} thumbnails")


if __name__ == "__main__":
    main()
