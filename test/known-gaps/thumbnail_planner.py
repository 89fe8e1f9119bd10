#!/usr/bin/env python3
"""thumbs: render 2x-downscaled grayscale thumbnails for a batch of synthetic images."""
import argparse
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

ARGV = ["--workers", "4", "--images", "10", "--max-retries", "3"]

stats = {}
failures = []
failures_lock = threading.Lock()


def synth_image(seed):
    rng = random.Random(seed)
    w, h = rng.choice([(128, 96), (96, 128), (112, 112)])
    return w, h, [rng.randrange(256) for _ in range(w * h)]  # ok: GIL001


def downscale(w, h, pixels):
    out_w, out_h = w // 2, h // 2
    out = [0] * (out_w * out_h)
    for idx in range(out_w * out_h):  # expect: GIL001
        ox, oy = idx % out_w, idx // out_w
        base = 2 * oy * w + 2 * ox
        out[idx] = (pixels[base] + pixels[base + 1] + pixels[base + w] + pixels[base + w + 1]) // 4
    return out_w, out_h, out


def save_thumbnail(name, flaky_until, max_retries):
    for attempt in range(1, max_retries + 1):  # ok: GIL001
        # the object store is slow and sometimes answers 503
        time.sleep(0.01 * attempt)
        if attempt > flaky_until:
            return attempt
    with failures_lock:
        failures.append(name)
    return None


def render(name, image, flaky_until, max_retries):
    w, h, pixels = image
    tw, th, _thumb = downscale(w, h, pixels)
    kind = "landscape" if w > h else "portrait" if h > w else "square"
    stats[kind] = stats.get(kind, 0) + 1  # expect: GIL002
    attempts = save_thumbnail(name, flaky_until, max_retries)
    return name, f"{w}x{h}", f"{tw}x{th}", attempts


def main(argv):
    parser = argparse.ArgumentParser(prog="thumbs")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--images", type=int, default=4)
    parser.add_argument("--max-retries", type=int, default=2)
    args = parser.parse_args(argv)

    images = {f"IMG_{1000 + i}.raw": synth_image(i) for i in range(args.images)}
    rng = random.Random(99)
    rows = []
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        futures = [pool.submit(render, name, img, rng.randrange(4), args.max_retries)
                   for name, img in images.items()]
        for n, fut in enumerate(as_completed(futures), 1):
            rows.append(fut.result())
            print(f"\rrendered {n}/{len(futures)}", end="", flush=True)
    print()

    print(f"{'image':<14}{'source':>9}{'thumb':>8}{'tries':>7}")
    for name, src, dst, attempts in sorted(rows):
        print(f"{name:<14}{src:>9}{dst:>8}{attempts if attempts else 'FAIL':>7}")
    print("orientation:", ", ".join(f"{k}={v}" for k, v in sorted(stats.items())))
    print("failed uploads:", failures or "none")


if __name__ == "__main__":
    main(ARGV)
