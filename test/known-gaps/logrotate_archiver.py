"""Archiving stage of the log-rotation daemon.

After rotation, every ``*.log.N`` file is compressed into a gzip member under
``archive/<YYYY-MM-DD>/``, its SHA-256 is recorded in the manifest and the
original is removed.  Files are archived in parallel on a thread pool: the
work is zlib and hashlib, which run without the GIL on large buffers.
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import logging
import os
import random
import tempfile
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Dict, List

log = logging.getLogger("logrotate.archive")


@dataclass
class ArchiveStats:
    files: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def ratio(self) -> float:
        return self.bytes_out / self.bytes_in if self.bytes_in else 0.0


class Archiver:
    def __init__(self, archive_root: str, *, level: int = 6, chunk_size: int = 256 * 1024) -> None:
        self.root = archive_root
        self.level = level
        self.chunk_size = chunk_size
        self.stats = ArchiveStats()
        self._stats_lock = threading.Lock()
        self._made_dirs: set = set()
        self.manifest: Dict[str, str] = {}

    def _ensure_dir(self, directory: str) -> None:
        if directory not in self._made_dirs:  # expect: GIL003
            os.makedirs(directory, exist_ok=True)
            self._made_dirs.add(directory)

    def _day_of(self, path: str) -> str:
        with open(path, "rb") as fh:
            return fh.read(10).decode("ascii")          # lines start with YYYY-MM-DD

    def archive_one(self, path: str) -> str:
        day_dir = os.path.join(self.root, self._day_of(path))
        self._ensure_dir(day_dir)
        dest = os.path.join(day_dir, os.path.basename(path) + ".gz")
        digest = hashlib.sha256()
        comp = zlib.compressobj(self.level, zlib.DEFLATED, 31)     # wbits 31: gzip container
        with open(path, "rb") as src, open(dest, "wb") as out:
            for chunk in iter(functools.partial(src.read, self.chunk_size), b""):  # ok: GIL001
                self.stats.bytes_in += len(chunk)  # expect: GIL002
                digest.update(chunk)
                out.write(comp.compress(chunk))
            out.write(comp.flush())
        size = os.path.getsize(dest)
        with self._stats_lock:
            self.stats.files += 1  # ok: GIL002
            self.stats.bytes_out += size
        self.manifest[dest] = digest.hexdigest()
        os.remove(path)
        return dest


def rotate(log_dir: str, name: str, keep: int) -> List[str]:
    """Classic numbered rotation: app.log -> app.log.1 -> app.log.2 ... (main thread)."""
    base = os.path.join(log_dir, name)
    for n in range(keep - 1, 0, -1):
        if os.path.exists(f"{base}.{n}"):
            os.replace(f"{base}.{n}", f"{base}.{n + 1}")
    os.replace(base, f"{base}.1")
    open(base, "w").close()
    return sorted(p for p in (os.path.join(log_dir, f) for f in os.listdir(log_dir))
                  if p.startswith(base + "."))


def write_fake_log(path: str, day: str, lines: int, seed: int) -> None:
    rng = random.Random(seed)
    levels = ("INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR")
    with open(path, "w") as fh:
        fh.writelines(
            f"{day}T{i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d} {rng.choice(levels)} "
            f"worker-{i % 8} request id={rng.getrandbits(48):012x} took {rng.randint(1, 900)}ms\n"
            for i in range(lines))


def archive_all(paths: List[str], archive_root: str, workers: int, **archiver_opts) -> Archiver:
    archiver = Archiver(archive_root, **archiver_opts)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="archive") as pool:
        for dest in pool.map(archiver.archive_one, paths):
            log.info("archived %s", os.path.relpath(dest, archive_root))
    return archiver


def verify(archiver: Archiver) -> int:
    ok = 0
    for dest, expected in archiver.manifest.items():
        with gzip.open(dest, "rb") as fh:
            ok += hashlib.sha256(fh.read()).hexdigest() == expected
    return ok


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    with tempfile.TemporaryDirectory(prefix="logrotate-") as tmp:
        log_dir = os.path.join(tmp, "log")
        os.makedirs(log_dir)
        rotated: List[str] = []
        for gen, day in enumerate(("2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04")):
            write_fake_log(os.path.join(log_dir, "app.log"), day, 25_000, seed=gen)
            rotated = rotate(log_dir, "app.log", keep=5)
        t0 = time.perf_counter()
        arch = archive_all(rotated, os.path.join(tmp, "archive"), workers=2, level=6)
        elapsed = time.perf_counter() - t0
        s = arch.stats
        print(f"{s.files} files, {s.bytes_in / 1e6:.1f} MB -> {s.bytes_out / 1e6:.2f} MB "
              f"(ratio {s.ratio:.2f}) in {elapsed:.2f}s")
        print(f"verified {verify(arch)}/{len(arch.manifest)} archives")
