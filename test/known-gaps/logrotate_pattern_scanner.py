"""Pre-archive scan of rotated logs for error signatures.

Before the rotation daemon ships rotated files to cold storage, it scans them:
every WARN/ERROR/FATAL line is reduced to a signature (numbers and ids masked)
and counted, so the on-call summary can say "37x db timeout on worker-3".
At the same time the checksum job hashes the files for the archive manifest.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import os
import random
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Dict, List

log = logging.getLogger("logrotate.scan")

LEVELS_FROM = {"WARN": {"WARN", "ERROR", "FATAL"}, "ERROR": {"ERROR", "FATAL"}, "FATAL": {"FATAL"}}
ALERT_HOOKS: Dict[str, List[Callable[[str, str], None]]] = {"FATAL": [], "ERROR": []}


def on_level(level: str):
    """Register an alert hook for a severity."""
    def register(fn):
        ALERT_HOOKS.setdefault(level, []).append(fn)
        return fn
    return register


@dataclass
class ScanReport:
    lines_scanned: int = 0
    signatures: Counter = field(default_factory=Counter)
    first_example: Dict[str, str] = field(default_factory=dict)
    checksums: Dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


def mask(message: str) -> str:
    words = []
    for word in message.split():
        if word.isdigit() or word.startswith("id=") or word[:1].isdigit():
            words.append("#")
        else:
            words.append(word)
    return " ".join(words)


def scan_file(path: str, report: ScanReport, *, min_level: str = "WARN") -> None:
    counts: Dict[str, int] = {}
    examples: Dict[str, str] = {}
    scanned = 0
    wanted = LEVELS_FROM[min_level]
    with open(path, encoding="utf-8") as fh:
        for line in fh:  # expect: GIL001
            scanned += 1  # ok: GIL002
            _ts, level, source, message = line.rstrip("\n").split(" ", 3)
            if level not in wanted:
                continue
            sig = f"{level} {source} {mask(message)}"
            counts[sig] = counts.get(sig, 0) + 1  # ok: GIL002
            examples.setdefault(sig, line.strip())
            for hook in ALERT_HOOKS.get(level, ()):
                hook(os.path.basename(path), sig)
    report.lines_scanned += scanned  # expect: GIL002
    with report.lock:
        report.signatures.update(counts)
        for sig, example in examples.items():
            if sig not in report.first_example:  # ok: GIL003
                report.first_example[sig] = example


class ChecksumJob:
    def __init__(self, paths: List[str], report: ScanReport, chunk: int = 1 << 20) -> None:
        self.paths = paths
        self.report = report
        self.chunk = chunk

    def run(self) -> None:
        for path in self.paths:  # ok: GIL001
            digest = hashlib.sha256()
            with open(path, "rb") as fh:
                for block in iter(functools.partial(fh.read, self.chunk), b""):
                    digest.update(block)
            self.report.checksums[os.path.basename(path)] = digest.hexdigest()


def spawn(fn: Callable, /, *args, name: str = None, **kwargs) -> threading.Thread:
    thread = threading.Thread(target=functools.partial(fn, *args, **kwargs), name=name)
    thread.start()
    return thread


fatal_seen: List[str] = []


@on_level("FATAL")
def page_on_call(filename: str, signature: str) -> None:
    fatal_seen.append(f"{filename}: {signature}")


def write_rotated(directory: str, name: str, lines: int, seed: int) -> str:
    rng = random.Random(seed)
    levels = ["INFO"] * 12 + ["DEBUG"] * 4 + ["WARN"] * 3 + ["ERROR"] * 2 + ["FATAL"]
    messages = ("db timeout after {n} ms on shard {s}", "cache miss for id={h}",
                "retrying upload {n} of 5", "queue depth {n} over limit", "disk {s} at {n} percent")
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(lines):
            msg = rng.choice(messages).format(n=rng.randint(1, 999), s=rng.randint(0, 7),
                                              h=f"{rng.getrandbits(32):08x}")
            fh.write(f"{1714500000 + i} {rng.choice(levels)} worker-{i % 4} {msg}\n")
    return path


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    with tempfile.TemporaryDirectory(prefix="scan-") as tmp:
        rotated = [write_rotated(tmp, f"app.log.{g}", 40_000, seed=g) for g in (1, 2, 3)]
        report = ScanReport()
        t0 = time.perf_counter()
        threads = [spawn(scan_file, p, report, min_level="WARN", name=f"scan-{i}")
                   for i, p in enumerate(rotated)]
        threads.append(spawn(ChecksumJob(rotated, report).run, name="checksum"))
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
    print(f"scanned {report.lines_scanned} lines in {elapsed:.2f}s, "
          f"{len(report.signatures)} signatures, {len(fatal_seen)} pages")
    for sig, n in report.signatures.most_common(3):
        print(f"{n:6d}x {sig}")
    print("checksums:", {k: v[:12] for k, v in sorted(report.checksums.items())})
