# Models a thumbnail service that downsamples synthetic grayscale images on a thread pool.
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed

_worker_state = threading.local()
workers_started = 0
thumbnails_made = 0
size_index = {}


def init_worker(scale):
    """Pool initializer: give each worker thread its own scale and scratch row."""
    global workers_started
    _worker_state.scale = scale
    _worker_state.scratch = []
    _worker_state.jobs = 0
    workers_started += 1  # expect: GIL002


def make_image(seed, width, height):
    """Build a deterministic test pattern (done up front, in the main thread)."""
    return [[(seed * 131 + x * 7 + y * 13) % 256 for x in range(width)] for y in range(height)]  # ok: GIL001


def downsample(image):
    """Average each scale x scale block of pixels into one output pixel."""
    scale = _worker_state.scale
    _worker_state.jobs += 1  # ok: GIL002
    height, width = len(image), len(image[0])
    out = []
    for y in range(0, height, scale):  # expect: GIL001
        row = _worker_state.scratch
        row.clear()
        for x in range(0, width, scale):
            total = 0
            for dy in range(scale):
                line = image[y + dy]
                for dx in range(scale):
                    total += line[x + dx]
            row.append(total // (scale * scale))
        out.append(list(row))
    return out


def process(name, image):
    """Pool task: produce one thumbnail and index it by height."""
    global thumbnails_made
    thumb = downsample(image)
    thumbnails_made += 1  # expect: GIL002
    key = len(thumb)
    if key not in size_index:  # expect: GIL003
        size_index[key] = []
    size_index[key].append(name)  # ok: GIL002
    return name, thumb, _worker_state.jobs


def main():
    images = {f"img{i:02d}": make_image(i, 320, 320) for i in range(4)}
    total_pixels = 0
    finished = []
    with ThreadPoolExecutor(max_workers=3, initializer=init_worker, initargs=(2,)) as pool:
        futures = [pool.submit(process, name, img) for name, img in images.items()]
        for fut in as_completed(futures):
            name, thumb, jobs_on_worker = fut.result()
            total_pixels += len(thumb) * len(thumb[0])  # ok: GIL002
            finished.append((name, jobs_on_worker))
    finished.sort()
    print(f"workers started: {workers_started}, thumbnails: {thumbnails_made}")
    print(f"total thumbnail pixels: {total_pixels}")
    for name, jobs in finished:
        print(f"  {name}: worker had handled {jobs} job(s)")
    print(f"size index: { {k: sorted(v) for k, v in size_index.items()} }")


if __name__ == "__main__":
    main()
