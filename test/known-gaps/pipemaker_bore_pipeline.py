"""Pipemaker's workshop: two production lines turn briar blanks into pipe bowls.

Each line is a generator pipeline (read blanks from a cut list, drill the bore,
polish the bowl) consumed by a thread.  Progress is counted with closure counters
built by a factory: one counter is guarded, the other is not.
"""
from __future__ import annotations

import logging
import math
import os
import tempfile
import threading
import time
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator

log = logging.getLogger("pipemaker.lines")

WORKSHOP = {"blanks_per_line": 500, "polish_passes": 600, "bore_mm": 4.2}


@dataclass(frozen=True)
class Blank:
    serial: str
    grade: str
    density: float
    bore_mm: float = 0.0
    finish: float = 0.0

    @classmethod
    def parse(cls, line: str) -> "Blank":
        serial, grade, density = line.strip().split(",")
        return cls(serial, grade, float(density))

    @property
    def is_plateau(self) -> bool:
        return self.grade.startswith("P")


def make_counter(name: str, *, guarded: bool) -> tuple[Callable[[int], None], Callable[[], int]]:
    total = 0
    guard = threading.Lock() if guarded else None

    def add(n: int = 1) -> None:
        nonlocal total
        if guard is None:
            total += n  # expect: GIL002
        else:
            with guard:
                total += n  # ok: GIL002

    def value() -> int:
        return total

    add.__name__ = f"add_{name}"
    return add, value


def read_blanks(path: str) -> Iterator[Blank]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield Blank.parse(line)


def drill(blanks: Iterable[Blank], bore_mm: float) -> Iterator[Blank]:
    for blank in blanks:
        yield replace(blank, bore_mm=bore_mm * (1.02 if blank.is_plateau else 1.0))


def polish(blanks: Iterable[Blank], passes: int) -> Iterator[Blank]:
    for blank in blanks:
        sheen = 0.0
        for p in range(passes):
            sheen += math.sin(p * blank.density) * 0.5 + 0.5
        yield replace(blank, finish=sheen / passes)


def run_line(cut_list: str, *, passes: int, bore_mm: float,
             bowls_done: Callable[[int], None], seconds_done: Callable[[int], None],
             out: list[Blank]) -> None:
    started = time.perf_counter()
    for bowl in polish(drill(read_blanks(cut_list), bore_mm), passes):  # expect: GIL001
        out.append(bowl)
        bowls_done(1)
    seconds_done(int((time.perf_counter() - started) * 1000))
    log.info("%s finished %d bowls", threading.current_thread().name, len(out))


def write_cut_list(directory: str, line_no: int, count: int) -> str:
    path = os.path.join(directory, f"cutlist-{line_no}.csv")
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(count):
            grade = "P" if i % 4 == 0 else "E"
            fh.write(f"L{line_no}-{i:04d},{grade}{i % 3},{0.6 + (i % 17) / 100:.2f}\n")
    return path


class LineSupervisor:
    def __init__(self, **settings) -> None:
        self.settings = settings
        self.bowls_add, self.bowls_value = make_counter("bowls", guarded=False)
        self.ms_add, self.ms_value = make_counter("ms", guarded=True)
        self.outputs: dict[str, list[Blank]] = {}

    def start_lines(self, cut_lists: list[str]) -> list[threading.Thread]:
        threads = []
        for n, path in enumerate(cut_lists):
            out = self.outputs.setdefault(f"line-{n}", [])
            kwargs = dict(passes=self.settings["polish_passes"], bore_mm=self.settings["bore_mm"],
                          bowls_done=self.bowls_add, seconds_done=self.ms_add, out=out)
            thread = threading.Thread(target=run_line, args=(path,), kwargs=kwargs, name=f"line-{n}")
            thread.start()
            threads.append(thread)
        return threads


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    directory = tempfile.mkdtemp(prefix="pipes-")
    cut_lists = [write_cut_list(directory, n, WORKSHOP["blanks_per_line"]) for n in range(2)]
    supervisor = LineSupervisor(**WORKSHOP)
    started = time.perf_counter()
    for thread in supervisor.start_lines(cut_lists):
        thread.join()
    elapsed = time.perf_counter() - started

    bowls = [b for out in supervisor.outputs.values() for b in out]
    best = max(bowls, key=lambda b: b.finish)
    print(f"bowls counted {supervisor.bowls_value()} (made {len(bowls)})")
    print(f"line time total {supervisor.ms_value()} ms; wall {elapsed:.2f}s")
    print(f"best finish {best.serial} {best.finish:.3f} bore {best.bore_mm:.2f} mm")
    print(f"plateau bowls: {sum(1 for b in bowls if b.is_plateau)}")


if __name__ == "__main__":
    main()
