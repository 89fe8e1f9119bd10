#!/usr/bin/env python3
"""Downscale images in a process pool, upload thumbnails from an I/O thread pool."""
import random
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed

WIDTH, HEIGHT = 96, 64
stats = {"uploaded": 0, "hedged": 0, "bytes": 0, "duplicates": 0}
stats_lock = threading.Lock()
pending = set()


def downscale(name, seed):
    rng = random.Random(seed)
    pixels = [rng.randrange(256) for _ in range(WIDTH * HEIGHT)]  # ok: GIL001
    thumb = []
    for start in range(0, len(pixels), 16):  # ok: GIL001
        block = pixels[start:start + 16]
        thumb.append(sum(block) // len(block))
    return name, bytes(thumb)


def checksum(payload):
    acc = 7
    for px in payload:  # expect: GIL001
        acc = (acc * 31 + px) % 1_000_003
    return acc


def upload(name, thumb, delay):
    time.sleep(delay)  # pretend the storage API is slow
    digest = checksum(thumb)
    if name in pending:  # expect: GIL003
        pending.remove(name)
    else:
        with stats_lock:
            stats["duplicates"] += 1  # ok: GIL002
        return name, digest, False
    stats["uploaded"] += 1  # expect: GIL002
    with stats_lock:
        stats["bytes"] += len(thumb)  # ok: GIL002
    return name, digest, True


def main():
    names = [f"img_{i:03d}.raw" for i in range(10)]
    pending.update(names)
    flaky = {names[2], names[5], names[7]}
    futures = []
    with ProcessPoolExecutor(max_workers=2) as cpu, ThreadPoolExecutor(max_workers=4) as io:
        jobs = [cpu.submit(downscale, n, i) for i, n in enumerate(names)]
        for job in as_completed(jobs):
            name, thumb = job.result()
            futures.append(io.submit(upload, name, thumb, 0.02))
            if name in flaky:
                stats["hedged"] += 1  # ok: GIL002
                futures.append(io.submit(upload, name, thumb, 0.02))
        results = [f.result() for f in futures]

    for name, digest, fresh in sorted(results):
        print(f"{name}: checksum={digest} {'stored' if fresh else 'dup'}")
    print(f"uploaded={stats['uploaded']} hedged={stats['hedged']} "
          f"dups={stats['duplicates']} bytes={stats['bytes']} left={len(pending)}")


if __name__ == "__main__":
    main()
