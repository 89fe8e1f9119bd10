"""Copper plate engraving studio: the print room's rolling presses.

Print jobs (plate + number of impressions) are queued; each rolling press is
a worker thread made by a factory.  A press claims a plate that has been
inked and wiped, pulls the impressions on damp paper, and hands the plate
back for re-inking.
"""
from __future__ import annotations

import functools
import logging
import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List

log = logging.getLogger("engraver.press")

PRINT_ROOM = {
    "presses": 3,
    "paper_sheets": 60,
    "pull_s": 0.002,
    "jobs": [("Heron", 4), ("Abbey Ruins", 3), ("Heron", 2), ("View of Whitby", 5),
             ("Abbey Ruins", 4), ("Heron", 3), ("View of Whitby", 2), ("Lighthouse", 4)],
}


@dataclass
class CopperPlate:
    name: str
    state: str = "inked"
    pulls: int = 0

    @property
    def ready(self) -> bool:
        return self.state == "inked"


@dataclass
class PrintRoom:
    plates: Dict[str, CopperPlate]
    paper_sheets: int
    impressions: Dict[str, int] = field(default_factory=dict)
    spoiled: List[str] = field(default_factory=list)
    paper_lock: threading.Lock = field(default_factory=threading.Lock)
    roller_lock: threading.Lock = field(default_factory=threading.Lock)
    reinks: int = 0

    def take_paper(self, sheets: int) -> bool:
        with self.paper_lock:
            if self.paper_sheets >= sheets:  # ok: GIL003
                self.paper_sheets -= sheets  # ok: GIL002
                return True
        return False

    def reink(self, plate: CopperPlate) -> bool:
        if not self.roller_lock.acquire(blocking=False):  # ok: GIL005
            return False
        try:
            time.sleep(0.001)  # dab and wipe
            plate.state = "inked"
            self.reinks += 1  # ok: GIL002
            return True
        finally:
            self.roller_lock.release()


def with_logging(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        log.debug("-> %s", fn.__name__)
        try:
            return fn(*args, **kwargs)
        finally:
            log.debug("<- %s", fn.__name__)
    return wrapper


def make_press(press_id: int, room: PrintRoom, jobs: "queue.Queue", pull_s: float) -> Callable[[], None]:
    """Factory: one closure per rolling press."""
    pulled = 0

    @with_logging
    def press() -> None:
        nonlocal pulled
        while True:  # ok: GIL001
            job = jobs.get()
            if job is None:
                jobs.task_done()
                break
            name, count = job
            plate = room.plates[name]
            if plate.ready:  # expect: GIL003
                plate.state = "on press"
                pull_job(room, plate, count, pull_s)
                pulled += count  # ok: GIL002
                while not room.reink(plate):
                    time.sleep(0.0005)
            else:
                jobs.put(job)  # plate is on another press: back of the queue
                time.sleep(pull_s)
            jobs.task_done()
        log.info("press %d pulled %d impressions", press_id, pulled)

    return press


def pull_job(room: PrintRoom, plate: CopperPlate, count: int, pull_s: float) -> None:
    if not room.take_paper(count):
        room.spoiled.append(plate.name)
        return
    for _ in range(count):  # ok: GIL001
        time.sleep(pull_s)  # turn the star wheel
    plate.pulls += count  # expect: GIL002
    room.impressions[plate.name] = room.impressions.get(plate.name, 0) + count  # expect: GIL002


def spawn(target: Callable[[], None], **thread_kwargs) -> threading.Thread:
    t = threading.Thread(target=target, **thread_kwargs)
    t.start()
    return t


def run_print_room(config: dict) -> PrintRoom:
    names = sorted({name for name, _ in config["jobs"]})
    room = PrintRoom({n: CopperPlate(n) for n in names}, config["paper_sheets"])
    jobs: "queue.Queue" = queue.Queue()
    for job in config["jobs"]:
        jobs.put(job)
    presses = [make_press(i, room, jobs, config["pull_s"]) for i in range(config["presses"])]
    threads = [spawn(p, name=f"press-{i}") for i, p in enumerate(presses)]
    jobs.join()
    for _ in threads:
        jobs.put(None)
    for t in threads:
        t.join()
    return room


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    start = time.perf_counter()
    room = run_print_room(PRINT_ROOM)
    expected = sum(n for _, n in PRINT_ROOM["jobs"])
    print(f"impressions {dict(sorted(room.impressions.items()))} "
          f"(total {sum(room.impressions.values())}, expected {expected})")
    print(f"paper left {room.paper_sheets}; re-inked {room.reinks}; spoiled {room.spoiled}")
    print(f"pulls per plate {[(p.name, p.pulls) for p in room.plates.values()]}; "
          f"{time.perf_counter() - start:.3f}s")


if __name__ == "__main__":
    main()
