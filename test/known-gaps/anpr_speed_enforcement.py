"""Average-speed enforcement over motorway sections.

Each section has entry cameras (one per lane) and an exit camera. A vehicle's
average speed is the section length over the time between its first entry
sighting and its exit sighting. Exit reads that match no entry (OCR misreads)
are reconciled afterwards by fuzzy matching against the entry log.
"""
import logging
import random
import string
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("anpr.speed")

LIMIT_KMH = 80.0


@dataclass(frozen=True)
class Sighting:
    camera: str
    plate: str
    ts: float  # seconds since the start of the recording


@dataclass
class Section:
    name: str
    length_km: float
    entry_cams: tuple
    exit_cam: str


@dataclass
class SectionTracker:
    section: Section
    entry_times: dict = field(default_factory=dict)
    entry_log: list = field(default_factory=list)
    unmatched: list = field(default_factory=list)
    violations: list = field(default_factory=list)
    stats: dict = field(default_factory=lambda: {"entries": 0, "exits": 0, "reconciled": 0})
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def on_entry(self, s):
        if s.plate not in self.entry_times:  # expect: GIL003
            self.entry_times[s.plate] = s.ts
            self.entry_log.append((s.plate, s.ts))
        self.stats["entries"] += 1  # expect: GIL002

    def on_exit(self, s):
        self._lock.acquire()  # ok: GIL005
        try:
            entered = self.entry_times.pop(s.plate, None)
            self.stats["exits"] += 1  # ok: GIL002
            if entered is None:
                self.unmatched.append((s.plate, s.ts))
                return
            self._judge(s.plate, entered, s.ts)
        finally:
            self._lock.release()

    def _judge(self, plate, entered, exited):
        kmh = self.section.length_km / ((exited - entered) / 3600.0)
        if kmh > LIMIT_KMH * 1.1:
            self.violations.append((plate, round(kmh, 1)))


class Camera:
    def __init__(self, name, sightings, gap_s=0.0004):
        self.name = name
        self.sightings = sightings
        self.gap_s = gap_s

    def replay(self, handler):
        for s in self.sightings:  # ok: GIL001
            time.sleep(self.gap_s)
            handler(s)


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def reconcile(tracker, max_distance=1):
    """Match misread exit plates to the closest earlier entry plate."""
    for plate, exit_ts in tracker.unmatched:  # expect: GIL001
        best, best_d = None, max_distance + 1
        for cand, entry_ts in tracker.entry_log:
            if entry_ts < exit_ts and abs(len(cand) - len(plate)) <= max_distance:
                d = edit_distance(plate, cand)
                if d < best_d:
                    best, best_d = (cand, entry_ts), d
        if best is not None:
            tracker._judge(best[0], best[1], exit_ts)
            tracker.stats["reconciled"] += 1  # ok: GIL002


def start_all(targets):
    threads = [threading.Thread(target=t, name=name) for name, t in targets]
    for t in threads:
        t.start()
    return threads


def synth_section(section, vehicles, rng):
    entry = {cam: [] for cam in section.entry_cams}
    exits = []
    for n in range(vehicles):
        plate = "".join(rng.choice(string.ascii_uppercase[:20] + string.digits) for _ in range(7))
        t0 = n * 2.0 + rng.random()
        lanes = section.entry_cams if rng.random() < 0.1 else (rng.choice(section.entry_cams),)
        for k, cam in enumerate(lanes):
            entry[cam].append(Sighting(cam, plate, t0 + k * 0.8))
        seen = plate if rng.random() > 0.15 else plate[:3] + "8" + plate[4:]
        travel = section.length_km / rng.uniform(60, 110) * 3600
        exits.append(Sighting(section.exit_cam, seen, t0 + travel))
    exits.sort(key=lambda s: s.ts)
    return [Camera(c, s) for c, s in entry.items()], Camera(section.exit_cam, exits)


def main():
    logging.basicConfig(level=logging.WARNING)
    rng = random.Random(3)
    sections = [Section("M4 J12-J13 east", 7.4, ("E1a", "E1b"), "X1"),
                Section("M4 J13-J12 west", 7.4, ("W1a", "W1b"), "X2")]
    trackers = {s.name: SectionTracker(s) for s in sections}
    cameras = {s.name: synth_section(s, 300, rng) for s in sections}
    entry_threads = [threading.Thread(target=lambda cam=cam, tr=trackers[name]: cam.replay(tr.on_entry), name=cam.name)
                     for name, (entry_cams, _exit) in cameras.items() for cam in entry_cams]
    for t in entry_threads:
        t.start()
    for t in entry_threads:
        t.join()
    exit_threads = start_all([(ex.name, lambda ex=ex, tr=trackers[name]: ex.replay(tr.on_exit))
                              for name, (_entries, ex) in cameras.items()])
    for t in exit_threads:
        t.join()
    for t in start_all([(f"reconcile-{name}", lambda tr=tr: reconcile(tr)) for name, tr in trackers.items()]):
        t.join()
    for name, tr in trackers.items():
        print(f"{name}: {tr.stats}, unmatched exits {len(tr.unmatched)}, violations {len(tr.violations)}")
        print(f"   fastest: {sorted(tr.violations, key=lambda v: -v[1])[:3]}")


if __name__ == "__main__":
    main()
