"""Navigator dead reckoning from the deck log.

The deck log (a text file, one line per quarter-hour, with the occasional line copied
twice by a tired midshipman) is read by a loader thread and fed through a queue to
three reckoners, who add each leg to the shared track and keep a histogram of the
headings steered. Duplicate log lines must be counted once.
"""
import dataclasses
import logging
import math
import os
import queue
import tempfile
import threading
import time
from typing import Callable, Dict, Iterator, List, Set

logging.basicConfig(level=logging.INFO, format="%(threadName)-11s %(message)s")
log = logging.getLogger("navigator.dr")

SENTINEL = None
RECKONING = {"reckoners": 3, "entries": 160, "duplicate_every": 9, "minutes_per_entry": 15}


@dataclasses.dataclass(frozen=True)
class LogEntry:
    seq: int
    heading: float
    speed_kn: float
    minutes: int

    def displacement(self) -> tuple:
        dist = self.speed_kn * self.minutes / 60.0
        rad = math.radians(self.heading)
        return dist * math.cos(rad), dist * math.sin(rad)


def write_deck_log(path: str, config: Dict[str, int]) -> int:
    lines = 0
    with open(path, "w", encoding="utf-8") as fh:
        for seq in range(config["entries"]):
            row = f"{seq};{(37 * seq) % 360:.1f};{5.0 + (seq % 7) * 0.5:.1f};{config['minutes_per_entry']}\n"
            fh.write(row)
            lines += 1
            if seq % config["duplicate_every"] == 0:
                fh.write(row)
                lines += 1
    return lines


def read_entries(path: str) -> Iterator[LogEntry]:
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            seq, heading, speed, minutes = raw.strip().split(";")
            yield LogEntry(int(seq), float(heading), float(speed), int(minutes))


class Track:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.north_nm = 0.0
        self.east_nm = 0.0
        self.legs = 0
        self.seen: Set[int] = set()
        self.heading_histogram: Dict[int, int] = {}

    def add_leg(self, dn: float, de: float) -> None:
        self._lock.acquire()  # ok: GIL005
        try:
            self.north_nm += dn  # ok: GIL002
            self.east_nm += de
            self.legs += 1
        finally:
            self._lock.release()

    @property
    def distance_nm(self) -> float:
        return math.hypot(self.north_nm, self.east_nm)


class Reckoner:
    def __init__(self, name: str, track: Track, inbox: "queue.Queue") -> None:
        self.name = name
        self.track = track
        self.inbox = inbox

    def work(self) -> None:
        while True:  # ok: GIL001
            entry = self.inbox.get()
            try:
                if entry is SENTINEL:
                    return
                self.reckon(entry)
            finally:
                self.inbox.task_done()

    def reckon(self, entry: LogEntry) -> None:
        track = self.track
        if entry.seq not in track.seen:  # expect: GIL003
            track.seen.add(entry.seq)
            dn, de = entry.displacement()
            track.add_leg(dn, de)
            bucket = int(entry.heading // 45) * 45
            track.heading_histogram[bucket] = track.heading_histogram.get(bucket, 0) + 1  # expect: GIL002


def load(path: str, inbox: "queue.Queue", consumers: int) -> None:
    for entry in read_entries(path):
        inbox.put(entry)
    for _ in range(consumers):
        inbox.put(SENTINEL)


@dataclasses.dataclass
class Watch:
    name: str
    duty: Callable[..., None]
    kwargs: Dict[str, object] = dataclasses.field(default_factory=dict)

    def relieve(self) -> threading.Thread:
        thread = threading.Thread(target=self.duty, name=self.name, kwargs=self.kwargs)
        thread.start()
        return thread


def main(config: Dict[str, int]) -> None:
    workdir = tempfile.mkdtemp(prefix="decklog-")
    path = os.path.join(workdir, "deck.log")
    lines = write_deck_log(path, config)
    track = Track()
    inbox: "queue.Queue" = queue.Queue(maxsize=32)
    watches: List[Watch] = [Watch("loader", load, {"path": path, "inbox": inbox,
                                                   "consumers": config["reckoners"]})]
    for i in range(config["reckoners"]):
        watches.append(Watch(f"reckoner-{i}", Reckoner(f"r{i}", track, inbox).work))
    started = time.perf_counter()
    threads = [w.relieve() for w in watches]
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    os.remove(path)
    os.rmdir(workdir)
    print(f"log lines read = {lines}, distinct entries = {config['entries']}")
    print(f"legs reckoned = {track.legs} (expected {config['entries']})")
    print(f"histogram total = {sum(track.heading_histogram.values())} (expected {config['entries']})")
    print(f"made good {track.distance_nm:.1f} nm in {elapsed:.3f}s")


if __name__ == "__main__":
    main(RECKONING)
