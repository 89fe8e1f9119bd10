#!/usr/bin/env python3
"""Write a MANIFEST of Adler-32 checksums (pure-Python implementation) for a tree."""
import os
import queue
import random
import tempfile
import threading
import zlib

MOD_ADLER = 65521
tls = threading.local()
manifest = {}
manifest_lock = threading.Lock()
per_worker = {}


def generate(root):
    rng = random.Random(5)
    for i in range(16):
        d = os.path.join(root, ("src", "assets", "data")[i % 3])
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"part{i:02}.bin"), "wb") as fh:
            fh.write(rng.randbytes(2_000 + 500 * i))


def adler32(data):
    a, b = 1, 0
    for byte in data:  # expect: GIL001
        a = (a + byte) % MOD_ADLER
        b = (b + a) % MOD_ADLER
    return (b << 16) | a


def worker(jobs, root):
    tls.done = 0
    tls.nbytes = 0
    while True:
        path = jobs.get()
        if path is None:
            break
        with open(path, "rb") as fh:
            data = fh.read()
        digest = adler32(data)
        tls.done += 1  # ok: GIL002
        tls.nbytes += len(data)  # ok: GIL002
        with manifest_lock:
            manifest[os.path.relpath(path, root)] = (digest, len(data))
    with manifest_lock:
        per_worker[threading.current_thread().name] = (tls.done, tls.nbytes)


def main():
    with tempfile.TemporaryDirectory(prefix="manifest-") as root:
        generate(root)
        jobs = queue.Queue()
        threads = [threading.Thread(target=worker, args=(jobs, root), name=f"sum-{i}") for i in range(3)]
        for t in threads:
            t.start()
        for dirpath, _dirs, names in os.walk(root):
            for n in sorted(names):
                jobs.put(os.path.join(dirpath, n))
        for _ in threads:
            jobs.put(None)
        for t in threads:
            t.join()

        out = os.path.join(root, "MANIFEST")
        with open(out, "w") as fh:
            for rel, (digest, size) in sorted(manifest.items()):
                fh.write(f"{digest:08x}  {size:7}  {rel}\n")
        mismatches = 0
        for rel, (digest, _size) in manifest.items():
            with open(os.path.join(root, rel), "rb") as fh:
                if zlib.adler32(fh.read()) != digest:
                    mismatches += 1  # ok: GIL002
        print(f"wrote {len(manifest)} entries to MANIFEST, {mismatches} mismatches vs zlib")
        for name, (n, b) in sorted(per_worker.items()):
            print(f"  {name}: {n} files, {b} bytes")


if __name__ == "__main__":
    main()
