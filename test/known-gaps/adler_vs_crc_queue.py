"""Checksum eight 256 KiB files: pure-Python Adler-32 vs zlib.crc32, each sequential, in queue-fed threads,
and (Adler-32) in a process pool."""
import os
import queue
import tempfile
import threading
import time
import zlib
from concurrent.futures import ProcessPoolExecutor

FILE_SIZE = 256 * 1024
FILE_COUNT = 8
THREADS = 4
MOD_ADLER = 65521

bytes_checked = 0
checksums = {}


def adler32_py(data):
    a, b = 1, 0
    for byte in data:
        a = (a + byte) % MOD_ADLER
        b = (b + a) % MOD_ADLER
    return (b << 16) | a


def read_file(path):
    with open(path, "rb") as fh:
        return fh.read()


def adler_worker(jobs):
    global bytes_checked
    while True:  # expect: GIL001
        try:
            path = jobs.get_nowait()
        except queue.Empty:
            return
        data = read_file(path)
        checksums[path] = adler32_py(data)  # ok: GIL002
        bytes_checked += len(data)  # expect: GIL002


def crc_worker(jobs):
    global bytes_checked
    while True:  # ok: GIL001
        try:
            path = jobs.get_nowait()
        except queue.Empty:
            return
        data = read_file(path)
        checksums[path] = zlib.crc32(data)  # ok: GIL002
        bytes_checked += len(data)  # expect: GIL002


def adler_file(path):
    return path, adler32_py(read_file(path))


def run_threads(worker, paths):
    jobs = queue.Queue()
    for p in paths:
        jobs.put(p)
    threads = [threading.Thread(target=worker, args=(jobs,)) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(FILE_COUNT):
            path = os.path.join(tmp, f"backup-{i}.bin")
            with open(path, "wb") as fh:
                fh.write(os.urandom(FILE_SIZE))
            paths.append(path)

        timings = {}
        start = time.perf_counter()
        for path in paths:  # ok: GIL001
            checksums[path] = adler32_py(read_file(path))
        timings["adler sequential"] = time.perf_counter() - start
        expected = dict(checksums)

        start = time.perf_counter()
        run_threads(adler_worker, paths)
        timings["adler threads"] = time.perf_counter() - start
        assert checksums == expected

        start = time.perf_counter()
        with ProcessPoolExecutor(max_workers=THREADS) as ex:
            assert dict(ex.map(adler_file, paths)) == expected
        timings["adler processes"] = time.perf_counter() - start

        start = time.perf_counter()
        crc_seq = {p: zlib.crc32(read_file(p)) for p in paths}
        timings["crc32 sequential"] = time.perf_counter() - start

        start = time.perf_counter()
        run_threads(crc_worker, paths)
        timings["crc32 threads"] = time.perf_counter() - start
        assert checksums == crc_seq

    for label, seconds in timings.items():
        print(f"{label:<18} {seconds * 1000:8.1f} ms")
    print(f"bytes checked by threads: {bytes_checked} (expected {2 * FILE_COUNT * FILE_SIZE})")
