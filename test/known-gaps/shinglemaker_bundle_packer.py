"""Shingle bundle packing line.

Graded shingles flow through a generator pipeline (course -> trim -> stack)
into packing threads.  Two bundle presses are shared by the packers through
a semaphore; the label printer and the packing table are guarded by locks.
Labels are written as JSON lines into a temporary directory.
"""
from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Iterable, Iterator

logging.basicConfig(level=logging.WARNING, format="%(threadName)s %(message)s")
log = logging.getLogger("shinglemaker.packer")

LINE = {"packers": 3, "shingles_per_packer": 70_000, "per_bundle": 80, "presses": 2}


@dataclass
class Shingle:
    width_in: int
    butt_64ths: int


class PressBay:
    """Two hydraulic presses; a packer may use either one."""

    def __init__(self, presses: int) -> None:
        self._press = threading.Semaphore(presses)
        self._table = threading.BoundedSemaphore(1)
        self.pressed = 0
        self.tabled = 0

    def press(self, bundle_no: int) -> None:
        with self._press:
            time.sleep(0.0002)
            self.pressed += 1  # expect: GIL002

    def table(self) -> None:
        with self._table:
            self.tabled += 1  # ok: GIL002


class LabelPrinter:
    def __init__(self, path: str) -> None:
        self._lock = threading.Lock()
        self._path = path
        self.printed = 0

    def print_label(self, header: str, payload: dict) -> None:
        self._lock.acquire()  # expect: GIL005
        squares = int(header.split(":")[1])
        with open(self._path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"squares": squares, **payload}) + "\n")
        self.printed += 1  # ok: GIL002
        self._lock.release()

    def try_reprint(self, payload: dict) -> bool:
        if not self._lock.acquire(blocking=False):  # ok: GIL005
            return False
        try:
            with open(self._path, "a", encoding="utf-8") as fh:
                fh.write(json.dumps({"reprint": True, **payload}) + "\n")
            return True
        finally:
            self._lock.release()


def courses(seed: int, count: int) -> Iterator[Shingle]:
    state = seed
    for _ in range(count):
        state = (state * 48271) % 2147483647
        yield Shingle(width_in=3 + state % 10, butt_64ths=24 + state % 16)


def trimmed(stream: Iterable[Shingle]) -> Iterator[Shingle]:
    for sh in stream:
        if sh.width_in >= 4:
            yield sh


def stacked(stream: Iterable[Shingle], per_bundle: int) -> Iterator[list[Shingle]]:
    bundle: list[Shingle] = []
    for sh in stream:
        bundle.append(sh)
        if len(bundle) == per_bundle:
            yield bundle
            bundle = []


def make_packer(bay: PressBay, printer: LabelPrinter, config: dict):
    """Factory: returns the packing routine a packer thread runs."""
    def pack(packer_no: int, results: list) -> None:
        bundles = 0
        squares_64 = 0
        pipeline = stacked(trimmed(courses(packer_no + 11, config["shingles_per_packer"])),
                           config["per_bundle"])
        for bundle in pipeline:  # expect: GIL001
            squares_64 += sum(sh.width_in * sh.butt_64ths for sh in bundle)
            bundles += 1
            if bundles % 100 == 0:
                bay.press(bundles)
                bay.table()
        printer.print_label(f"packer{packer_no}:{squares_64 // 64}", {"packer": packer_no, "bundles": bundles})
        printer.try_reprint({"packer": packer_no})
        results.append((packer_no, bundles))
    return pack


class PackerThread(threading.Thread):
    def __init__(self, work, *args, **kwargs) -> None:
        super().__init__(target=work, args=args, **kwargs)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="shingle-pack-") as tmp:
        labels = os.path.join(tmp, "labels.jsonl")
        bay = PressBay(LINE["presses"])
        printer = LabelPrinter(labels)
        work = make_packer(bay, printer, LINE)
        results: list = []
        threads = [PackerThread(work, n, results, name=f"packer-{n}") for n in range(LINE["packers"])]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with open(labels, encoding="utf-8") as fh:
            records = [json.loads(line) for line in fh]
        print(f"packed {sum(b for _, b in results)} bundles in {time.perf_counter() - start:.3f}s")
        print(f"pressed = {bay.pressed}, tabled = {bay.tabled}")
        print(f"labels printed = {printer.printed}, label records = {len(records)}")


if __name__ == "__main__":
    main()
