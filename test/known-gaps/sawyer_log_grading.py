"""Sawmill log grading.

The log deck scanner produces a surface profile of every log (defect depth at
sample points along each of four faces). Graders in three sections of the yard
run the scans through a small generator pipeline, grade each log by its clear
cuttings on the worst face (F1/F2/F3/pallet), and add the result to the mill's
tallies.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Iterator

log = logging.getLogger("sawyer.grading")

MILL = {"sections": 3, "logs_per_section": 150, "samples_per_face": 360, "defect_mm": 9}


@dataclass(frozen=True)
class LogScan:
    tag: str
    small_end_in: float
    length_ft: int
    faces: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class GradedLog:
    tag: str
    grade: str
    board_feet: float
    clear_fraction: float


def read_scanner(section: int, count: int, samples: int) -> Iterator[LogScan]:
    """Simulated scanner feed: a deterministic pseudo-random surface per log."""
    state = 1000 + section
    for n in range(count):
        knot_pct = 1 + n % 9
        faces = []
        for _face in range(4):
            profile = []
            for _ in range(samples):
                state = (state * 1103515245 + 12345) & 0x7FFFFFFF
                roll = (state >> 16) % 100
                profile.append(12 + roll % 12 if roll < knot_pct else roll % 7)
            faces.append(tuple(profile))
        yield LogScan(f"S{section}-{n:03d}", 10 + (n % 14), 8 + 2 * (n % 5), tuple(faces))


def drop_short(scans: Iterable[LogScan], min_ft: int = 8) -> Iterator[LogScan]:
    for scan in scans:
        if scan.length_ft >= min_ft:
            yield scan


def doyle_board_feet(diameter_in: float, length_ft: int) -> float:
    return round((diameter_in - 4) ** 2 * length_ft / 16, 1)


def clear_fraction(face: tuple[int, ...], defect_mm: int) -> float:
    clear = run = 0
    for depth in face:
        if depth < defect_mm:
            run += 1
        else:
            if run >= 12:
                clear += run
            run = 0
    if run >= 12:
        clear += run
    return clear / len(face)


def grade_log(scan: LogScan, defect_mm: int) -> GradedLog:
    worst = min(clear_fraction(face, defect_mm) for face in scan.faces)
    if scan.small_end_in >= 16 and worst >= 0.83:
        grade = "F1"
    elif scan.small_end_in >= 13 and worst >= 0.66:
        grade = "F2"
    elif worst >= 0.5:
        grade = "F3"
    else:
        grade = "pallet"
    return GradedLog(scan.tag, grade, doyle_board_feet(scan.small_end_in, scan.length_ft), worst)


class YardTally:
    def __init__(self) -> None:
        self.logs_by_grade: Counter = Counter()
        self.feet_by_grade: Counter = Counter()
        self.lock = threading.Lock()

    def report(self) -> str:
        parts = [f"{g}: {self.logs_by_grade[g]} logs / {self.feet_by_grade[g]:.0f} bf"
                 for g in ("F1", "F2", "F3", "pallet")]
        return "; ".join(parts)


def grade_section(section: int, tally: YardTally, config: dict, out: dict) -> None:
    feed = drop_short(read_scanner(section, config["logs_per_section"], config["samples_per_face"]))
    graded = [grade_log(scan, config["defect_mm"]) for scan in feed]  # expect: GIL001
    for g in graded:
        tally.logs_by_grade[g.grade] += 1  # expect: GIL002
        with tally.lock:
            tally.feet_by_grade[g.grade] += g.board_feet  # ok: GIL002
    out[section] = len(graded)
    log.info("section %d graded %d logs", section, len(graded))


def launch(sections: int, worker, **common) -> list[threading.Thread]:
    threads = [
        threading.Thread(target=worker, args=(s,), kwargs=common, name=f"grader-{s}")
        for s in range(sections)
    ]
    for t in threads:
        t.start()
    return threads


def main(config: dict = MILL) -> None:
    logging.basicConfig(level=logging.WARNING)
    tally = YardTally()
    per_section: dict[int, int] = {}
    t0 = time.perf_counter()
    graders = launch(config["sections"], grade_section, tally=tally, config=config, out=per_section)
    for t in graders:
        t.join()
    print(f"graded {sum(per_section.values())} logs in {time.perf_counter() - t0:.2f}s")
    print(tally.report())


if __name__ == "__main__":
    main()
