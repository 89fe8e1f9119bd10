"""Asyncio release packager: compress build outputs into one .pkg container.

Build steps announce finished artifacts to the packager's event loop.  Each
artifact is compressed with LZMA off the loop, appended to the container,
and at the end an index is written and synced so that the upload job (which
reads over NFS) sees a complete file.
"""
import asyncio
import hashlib
import json
import logging
import lzma
import os
import random
import struct
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger("packager")

MEMBER_HEADER = struct.Struct("<HI")  # name length, payload length


class ProgressTicker:
    """Logs progress every `interval` seconds from a timer thread."""

    def __init__(self, packager, interval=0.05):
        self.packager = packager
        self.interval = interval
        self._timer = None
        self._stopped = threading.Event()

    def _tick(self):
        p = self.packager
        log.debug("progress: %d members written, %d compressed bytes", len(p.index), p.bytes_out)
        if not self._stopped.is_set():
            self.start()

    def start(self):
        self._timer = threading.Timer(self.interval, self._tick)
        self._timer.daemon = True
        self._timer.start()

    def stop(self):
        self._stopped.set()
        if self._timer:
            self._timer.cancel()


class Packager:
    def __init__(self, path, executor, *, preset=1, settle=0.01):
        self.path = path
        self.executor = executor
        self.preset = preset
        self.settle = settle
        self._fh = open(path, "wb")
        self._write_lock = asyncio.Lock()
        self.index = {}
        self.bytes_in = 0
        self.bytes_out = 0

    def _compress(self, data, piece=64 * 1024):
        comp = lzma.LZMACompressor(preset=self.preset)
        parts = []
        for start in range(0, len(data), piece):  # ok: GIL001
            parts.append(comp.compress(data[start:start + piece]))
        parts.append(comp.flush())
        blob = b"".join(parts)
        self.bytes_out += len(blob)  # expect: GIL002
        return blob

    def _append_member(self, name, blob):
        raw_name = name.encode()
        offset = self._fh.tell()
        self._fh.write(MEMBER_HEADER.pack(len(raw_name), len(blob)) + raw_name + blob)
        self._fh.flush()
        time.sleep(0.001)  # ok: GIL004
        return offset

    def _sync_index(self):
        payload = json.dumps(self.index, sort_keys=True).encode()
        self._fh.write(payload + struct.pack("<I", len(payload)))
        self._fh.flush()
        os.fsync(self._fh.fileno())
        time.sleep(self.settle)  # expect: GIL004
        self._fh.close()

    async def add(self, name, data):
        loop = asyncio.get_running_loop()
        self.bytes_in += len(data)  # ok: GIL002
        blob = await loop.run_in_executor(self.executor, self._compress, data)
        async with self._write_lock:
            offset = await loop.run_in_executor(self.executor, self._append_member, name, blob)
        self.index[name] = {"offset": offset, "size": len(data),
                            "sha256": hashlib.sha256(data).hexdigest()}

    async def finalize(self):
        await asyncio.sleep(0)  # ok: GIL004
        self._sync_index()
        return len(self.index)


def fake_artifact(name, size, seed):
    rng = random.Random(seed)
    line = f"{name}: " + " ".join(f"sym_{rng.randint(0, 999):03d}" for _ in range(24)) + "\n"
    return (line.encode() * (size // len(line) + 1))[:size]


async def build_step(packager, name, size, seed, delay):
    await asyncio.sleep(delay)  # the compiler finishing
    await packager.add(name, fake_artifact(name, size, seed))


async def package_release(out_path, artifacts):
    executor = ThreadPoolExecutor(max_workers=3, thread_name_prefix="pkg-io")
    packager = Packager(out_path, executor)
    ticker = ProgressTicker(packager)
    ticker.start()
    try:
        await asyncio.gather(*(build_step(packager, **spec) for spec in artifacts))
        count = await packager.finalize()
    finally:
        ticker.stop()
        executor.shutdown(wait=True)
    return packager, count


def verify(path):
    with open(path, "rb") as fh:
        data = fh.read()
    (index_len,) = struct.unpack("<I", data[-4:])
    index = json.loads(data[-4 - index_len:-4])
    for name, meta in index.items():
        name_len, length = MEMBER_HEADER.unpack_from(data, meta["offset"])
        start = meta["offset"] + MEMBER_HEADER.size + name_len
        raw = lzma.decompress(data[start:start + length])
        assert hashlib.sha256(raw).hexdigest() == meta["sha256"], name
    return len(index)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    specs = [{"name": f"lib/module{i}.so", "size": 120_000 + 20_000 * i, "seed": i, "delay": 0.002 * i}
             for i in range(10)]
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "release.pkg")
        started = time.perf_counter()
        packager, count = asyncio.run(package_release(out, specs))
        elapsed = time.perf_counter() - started
        verified = verify(out)
        size = os.path.getsize(out)
    log.info("packed %d members (%d verified): %d -> %d bytes (container %d) in %.2f s",
             count, verified, packager.bytes_in, packager.bytes_out, size, elapsed)
