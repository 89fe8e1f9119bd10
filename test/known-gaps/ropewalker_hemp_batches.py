"""Ropewalker hemp batches.

Hemp bales arrive as files. For every bale two jobs go on the heckling pool: one packs
the bale (compresses it chunk by chunk for the warehouse), the other grades a sample
of the fibre byte by byte against a grading table that is built on first use.
"""
import dataclasses
import functools
import logging
import os
import tempfile
import threading
import time
import zlib
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Callable, Dict, Iterator, List, Optional, Tuple

logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
log = logging.getLogger("ropewalker.hemp")

HECKLING = {"bales": 4, "bale_kib": 512, "chunk_kib": 64, "level": 6,
            "sample_bytes": 480_000, "workers": 4}


@dataclasses.dataclass
class BaleStats:
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)
    bytes_in: int = 0
    bytes_out: int = 0

    @property
    def ratio(self) -> float:
        return self.bytes_out / self.bytes_in if self.bytes_in else 0.0


def read_chunks(path: str, size: int) -> Iterator[bytes]:
    with open(path, "rb") as fh:
        while True:
            chunk = fh.read(size)
            if not chunk:
                return
            yield chunk


def bale_paths(folder: str) -> Iterator[Tuple[str, str]]:
    for entry in sorted(os.listdir(folder)):
        if entry.endswith(".bale"):
            yield entry[:-5], os.path.join(folder, entry)


def fibre_weight(b: int) -> int:
    return (b * 37 + 11) % 97 + (3 if b & 0x10 else 0)


def logged(fn: Callable) -> Callable:
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        result = fn(*args, **kwargs)
        log.info("%s(%s) %.1f ms", fn.__name__, args[1] if len(args) > 1 else "",
                 (time.perf_counter() - t0) * 1000)
        return result
    return wrapper


class HecklingShed:
    def __init__(self, stats: BaleStats, chunk_size: int) -> None:
        self.stats = stats
        self.chunk_size = chunk_size
        self._table: Optional[Tuple[int, ...]] = None
        self.grades: Dict[str, float] = {}
        self.packed: Dict[str, List[bytes]] = {}

    def grading_table(self) -> Tuple[int, ...]:
        if self._table is None:  # expect: GIL003
            log.info("building the grading table")
            self._table = tuple(fibre_weight(b) for b in range(256))
        return self._table

    @logged
    def pack_bale(self, name: str, path: str, *, level: int) -> int:
        packed = []
        for chunk in read_chunks(path, self.chunk_size):  # ok: GIL001
            self.stats.bytes_in += len(chunk)  # expect: GIL002
            packed.append(zlib.compress(chunk, level))
        out = sum(len(p) for p in packed)
        with self.stats.lock:
            self.stats.bytes_out += out  # ok: GIL002
        self.packed[name] = packed
        return out

    @logged
    def grade_bale(self, name: str, path: str, *, sample_bytes: int) -> float:
        table = self.grading_table()
        with open(path, "rb") as fh:
            sample = fh.read(sample_bytes)
        score = 0
        for i, b in enumerate(sample):  # expect: GIL001
            score += table[b] * ((i & 7) + 1)
        grade = score / max(1, len(sample))
        self.grades[name] = grade
        return grade


def dispatch(pool: ThreadPoolExecutor, jobs: List[Tuple[Callable, tuple, dict]]) -> List[Future]:
    return [pool.submit(fn, *args, **kwargs) for fn, args, kwargs in jobs]


def make_bales(folder: str, config: Dict[str, int]) -> None:
    for k in range(config["bales"]):
        pattern = bytes((i * (k + 3) + (i >> 5)) & 0xFF for i in range(4096))
        noise = os.urandom(1024)
        with open(os.path.join(folder, f"bale{k:02d}.bale"), "wb") as fh:
            for _ in range(config["bale_kib"] // 5):
                fh.write(pattern + noise)


def main(config: Dict[str, int]) -> None:
    stats = BaleStats()
    shed = HecklingShed(stats, config["chunk_kib"] * 1024)
    with tempfile.TemporaryDirectory(prefix="hemp-") as folder:
        make_bales(folder, config)
        jobs: List[Tuple[Callable, tuple, dict]] = []
        for name, path in bale_paths(folder):
            jobs.append((shed.pack_bale, (name, path), {"level": config["level"]}))
            jobs.append((shed.grade_bale, (name, path), {"sample_bytes": config["sample_bytes"]}))
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=config["workers"], thread_name_prefix="heckler") as pool:
            done, _ = wait(dispatch(pool, jobs))
        elapsed = time.perf_counter() - started
        on_disk = sum(os.path.getsize(p) for _, p in bale_paths(folder))
    failures = [f for f in done if f.exception() is not None]
    print(f"jobs = {len(done)}, failures = {len(failures)}")
    print(f"bytes in = {stats.bytes_in} (expected {on_disk}), packed ratio {stats.ratio:.3f}")
    print(f"grades: {', '.join(f'{k}={v:.1f}' for k, v in sorted(shed.grades.items()))} "
          f"in {elapsed:.2f}s")


if __name__ == "__main__":
    main(HECKLING)
