#!/usr/bin/env python3
"""checksum-batch: compute Adler-32 style checksums for synthetic blobs in parallel."""
import argparse
import random
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

MOD_ADLER = 65521
ARGV = ["--workers", "4", "--blobs", "12", "--size", "6000"]


class Progress:
    def __init__(self, total):
        self.total = total
        self.done = 0
        self.bytes_seen = 0
        self.lock = threading.Lock()

    def render(self):
        return f"\r[{self.done:>3}/{self.total}] {self.bytes_seen} bytes hashed"


def adler32(data):
    a, b = 1, 0
    for byte in data:  # expect: GIL001
        a = (a + byte) % MOD_ADLER
        b = (b + a) % MOD_ADLER
    return (b << 16) | a


def process_blob(item, progress):
    name, data = item
    digest = adler32(data)
    with progress.lock:
        progress.bytes_seen += len(data)  # ok: GIL002
    progress.done += 1  # expect: GIL002
    sys.stderr.write(progress.render())
    return name, len(data), digest


def make_blobs(count, size, seed=7):
    rng = random.Random(seed)
    blobs = []
    for i in range(count):  # ok: GIL001
        payload = bytes(rng.getrandbits(8) for _ in range(size))  # ok: GIL001
        blobs.append((f"blob-{i:03d}.bin", payload))
    return blobs


def main(argv):
    parser = argparse.ArgumentParser(prog="checksum-batch")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--blobs", type=int, default=8)
    parser.add_argument("--size", type=int, default=4096)
    args = parser.parse_args(argv)

    blobs = make_blobs(args.blobs, args.size)
    progress = Progress(len(blobs))
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        rows = list(pool.map(lambda item: process_blob(item, progress), blobs))
    sys.stderr.write("\n")

    print(f"{'file':<14} {'size':>6} {'adler32':>10}")
    print("-" * 32)
    for name, size, digest in rows:
        print(f"{name:<14} {size:>6} {digest:>10x}")
    print(f"total: {progress.done} files, {progress.bytes_seen} bytes")


if __name__ == "__main__":
    main(ARGV)
