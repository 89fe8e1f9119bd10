#!/usr/bin/env python3
"""Incremental backup: compare block signatures against the last snapshot, copy changed files."""
import os
import shutil
import tempfile
import threading

BLOCK = 64


def lcg_bytes(seed, n):
    out = bytearray()
    x = seed
    for _ in range(n):  # ok: GIL001
        x = (1103515245 * x + 12345) & 0x7FFFFFFF
        out.append(x >> 16 & 0xFF)
    return bytes(out)


class Snapshotter:
    def __init__(self, src, previous):
        self.src = src
        self.previous = previous          # rel -> signature from the last run
        self.changed = []
        self.lock = threading.Lock()
        self.bytes_read = 0
        self.blocks_compared = 0

    @staticmethod
    def signature(data):
        return [sum(data[o:o + BLOCK]) & 0xFFFF for o in range(0, len(data), BLOCK)]  # expect: GIL001

    def examine(self, rels):
        for rel in rels:
            with open(os.path.join(self.src, rel), "rb") as fh:
                data = fh.read()
            self.bytes_read += len(data)  # expect: GIL002
            sig = self.signature(data)
            old = self.previous.get(rel)
            if old is None or len(old) != len(sig):
                differing = len(sig)
            else:
                differing = 0
                for a, b in zip(sig, old):  # expect: GIL001
                    if a != b:
                        differing += 1  # ok: GIL002
            self.blocks_compared += len(sig)  # expect: GIL002
            if differing:
                with self.lock:
                    self.changed.append((rel, differing, len(sig)))


def main():
    with tempfile.TemporaryDirectory() as src, tempfile.TemporaryDirectory() as dest:
        previous = {}
        for i in range(18):
            rel = f"vol{i % 3}/chunk{i:02}.img"
            os.makedirs(os.path.join(src, os.path.dirname(rel)), exist_ok=True)
            data = lcg_bytes(i + 1, 3000 + 200 * i)
            previous[rel] = Snapshotter.signature(data)
            if i % 4 == 0:
                data = data[:500] + b"patched!" + data[508:]
            with open(os.path.join(src, rel), "wb") as fh:
                fh.write(data)
        previous.pop("vol2/chunk17.img")        # new since the last snapshot

        snap = Snapshotter(src, previous)
        rels = sorted(previous) + ["vol2/chunk17.img"]
        threads = [threading.Thread(target=snap.examine, args=(rels[k::3],)) for k in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

        for rel, diff, total in sorted(snap.changed):
            os.makedirs(os.path.join(dest, os.path.dirname(rel)), exist_ok=True)
            shutil.copy2(os.path.join(src, rel), os.path.join(dest, rel))
            print(f"  backed up {rel}: {diff}/{total} blocks differ")
        print(f"read {snap.bytes_read} B, compared {snap.blocks_compared} blocks, "
              f"{len(snap.changed)} of {len(rels)} files in increment")


if __name__ == "__main__":
    main()
