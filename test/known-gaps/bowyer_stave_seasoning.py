"""Stave seasoning loft of a bowyer.

Each rack of yew and ash staves is watched by a RackMonitor thread that dries
its staves day by day and writes readings to a shared logbook file. When the
racks are done, the rack sheets are compressed for the archive in a pool.
"""
from __future__ import annotations

import contextlib
import json
import logging
import pathlib
import tempfile
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Dict, Iterator, List

log = logging.getLogger("bowyer.seasoning")

LOFT = {
    "days": 10,
    "day_seconds": 0.003,
    "target_moisture": 12.0,
    "dry_rate": {"yew": 0.09, "ash": 0.12, "hickory": 0.10},
    "archive_copies": 300,
}


@contextlib.contextmanager
def logbook_entry(lock: threading.Lock) -> Iterator[None]:
    lock.acquire()  # ok: GIL005
    try:
        yield
    finally:
        lock.release()


class Stave:
    seasoned_count = 0  # loft-wide tally, bumped from every rack thread

    def __init__(self, stave_id: str, wood: str, moisture: float):
        self.stave_id = stave_id
        self.wood = wood
        self.moisture = moisture
        self.seasoned = False

    @property
    def ready(self) -> bool:
        return self.moisture <= LOFT["target_moisture"]

    def dry_one_day(self, rate: float) -> None:
        self.moisture = max(8.0, self.moisture * (1.0 - rate))

    def mark_seasoned(self) -> None:
        self.seasoned = True
        Stave.seasoned_count += 1  # expect: GIL002


class Logbook:
    def __init__(self, path: pathlib.Path):
        self.path = path
        self.readings_logged = 0
        self._lock = threading.Lock()

    def record(self, rack: str, stave: Stave, day: int) -> None:
        line = f"{rack}\t{day}\t{stave.stave_id}\t{stave.moisture:.2f}\n"
        with logbook_entry(self._lock):
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(line)
            self.readings_logged += 1  # ok: GIL002

    def tail(self, n: int) -> List[str]:
        self._lock.acquire()  # ok: GIL005
        try:
            return self.path.read_text(encoding="utf-8").splitlines()[-n:]
        finally:
            self._lock.release()


class RackMonitor(threading.Thread):
    def __init__(self, rack: str, staves: List[Stave], logbook: Logbook,
                 sheet_dir: pathlib.Path, **settings):
        super().__init__(name=f"rack-{rack}")
        self.rack = rack
        self.staves = staves
        self.logbook = logbook
        self.sheet_path = sheet_dir / f"{rack}.json"
        self.settings = {**LOFT, **settings}

    def run(self) -> None:
        for day in range(self.settings["days"]):  # ok: GIL001
            for stave in self.staves:
                stave.dry_one_day(self.settings["dry_rate"][stave.wood])
                self.logbook.record(self.rack, stave, day)
                if stave.ready and not stave.seasoned:  # ok: GIL003
                    stave.mark_seasoned()
            time.sleep(self.settings["day_seconds"])
        self.write_sheet()

    def write_sheet(self) -> None:
        sheet = {s.stave_id: {"wood": s.wood, "moisture": round(s.moisture, 2),
                              "seasoned": s.seasoned} for s in self.staves}
        self.sheet_path.write_text(json.dumps(sheet, indent=1), encoding="utf-8")


def archive_sheets(paths: List[pathlib.Path], copies: int, level: int = 6) -> int:
    """Compress each rack sheet (padded with its history copies) for the archive."""
    total = 0
    for path in paths:  # ok: GIL001
        data = path.read_bytes() * copies
        total += len(zlib.compress(data, level))
    return total


def build_loft() -> Dict[str, List[Stave]]:
    woods = ("yew", "ash", "hickory")
    racks: Dict[str, List[Stave]] = {}
    for r in range(4):
        racks[f"R{r}"] = [Stave(f"R{r}-{i}", woods[(r + i) % 3], 19.0 + (i * 3 % 7))
                          for i in range(6)]
    return racks


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(threadName)s %(message)s")
    with tempfile.TemporaryDirectory(prefix="loft-") as tmp:
        root = pathlib.Path(tmp)
        logbook = Logbook(root / "logbook.tsv")
        racks = build_loft()
        monitors = [RackMonitor(name, staves, logbook, root, day_seconds=0.002)
                    for name, staves in racks.items()]
        started = time.perf_counter()
        for m in monitors:
            m.start()
        for m in monitors:
            m.join()
        sheets = [m.sheet_path for m in monitors]
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="archive") as pool:
            futures = [pool.submit(archive_sheets, sheets[i::2], LOFT["archive_copies"])
                       for i in range(2)]
            archived = sum(f.result() for f in futures)
        last = logbook.tail(2)
    print(f"readings logged: {logbook.readings_logged}, seasoned staves: {Stave.seasoned_count}")
    print(f"archive bytes: {archived}; last readings: {[l.split(chr(9))[2] for l in last]}")
    print(f"loft run took {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
