#!/usr/bin/env python3
"""Verify a capture file of 64-byte records: per-record MD5 plus a Fletcher-16 of each segment."""
import hashlib
import os
import tempfile
import threading

RECORD = 64
progress = {"records": 0, "segments": 0}
progress_lock = threading.Lock()


def fletcher16(data):
    s1 = s2 = 0
    for b in data:  # expect: GIL001
        s1 = (s1 + b) % 255
        s2 = (s2 + s1) % 255
    return (s2 << 8) | s1


class RecordDigestWorker(threading.Thread):
    """Hashes every fixed-size record on its own (tiny buffers, GIL held)."""

    def __init__(self, path):
        super().__init__(name=f"md5-{os.path.basename(path)}")
        self.path = path
        self.digests = []

    def run(self):
        with open(self.path, "rb") as fh:
            blob = fh.read()
        self.digests = [hashlib.md5(blob[off:off + RECORD]).digest()  # expect: GIL001
                        for off in range(0, len(blob), RECORD)]
        progress["records"] += len(self.digests)  # expect: GIL002


class FletcherWorker(threading.Thread):
    def __init__(self, path):
        super().__init__(name=f"fletcher-{os.path.basename(path)}")
        self.path = path
        self.checksum = None

    def run(self):
        with open(self.path, "rb") as fh:
            self.checksum = fletcher16(fh.read())
        with progress_lock:
            progress["segments"] += 1  # ok: GIL002


def write_segments(root, count):
    paths = []
    for i in range(count):
        path = os.path.join(root, f"capture.seg{i:03d}")
        with open(path, "wb") as fh:
            fh.write(os.urandom(RECORD * 3000))
        paths.append(path)
    return paths


def main():
    with tempfile.TemporaryDirectory(prefix="capture_") as root:
        segments = write_segments(root, 4)
        md5_workers = [RecordDigestWorker(p) for p in segments]
        fl_workers = [FletcherWorker(p) for p in segments]
        for w in md5_workers + fl_workers:
            w.start()
        for w in md5_workers + fl_workers:
            w.join()
        for md5w, flw in zip(md5_workers, fl_workers):
            unique = len(set(md5w.digests))
            print(f"{os.path.basename(md5w.path)}: {len(md5w.digests)} records, "
                  f"{unique} unique, fletcher16={flw.checksum:04x}")
        print(f"progress: {progress}")


if __name__ == "__main__":
    main()
