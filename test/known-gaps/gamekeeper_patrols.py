"""Night patrols on the estate: keeper threads take beats from the patrol desk, which
must not send two keepers to the same beat within the rest gap; a night-watch timer
logs incidents on the desk's radio log."""
from __future__ import annotations

import itertools
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

log = logging.getLogger("gamekeeper.patrols")

NIGHT = {
    "keepers": ["Tom", "Alf", "Jim"],
    "beats": ["Home Beat", "Moor Edge", "Fen Beat", "Hanger"],
    "rounds": 5,
    "patrol_seconds": 0.006,
    "rest_gap": 0.015,
    "watch_delays": [0.01, 0.025],
}


class RadioChannel:
    """Only one keeper talks on the estate radio at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.holder: Optional[str] = None

    def __enter__(self) -> "RadioChannel":
        self._lock.acquire()  # ok: GIL005
        self.holder = threading.current_thread().name
        return self

    def __exit__(self, *exc) -> None:
        self.holder = None
        self._lock.release()


@dataclass
class PatrolDesk:
    beats: List[str]
    rest_gap: float
    last_patrolled: Dict[str, float] = field(default_factory=dict)
    assignments: List[Tuple[str, str]] = field(default_factory=list)
    incidents: List[str] = field(default_factory=list)
    radio_calls: int = 0
    radio: RadioChannel = field(default_factory=RadioChannel)
    _log_lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def dispatch(self, keeper: str, beat: str) -> bool:
        now = time.monotonic()
        if beat not in self.last_patrolled or now - self.last_patrolled[beat] > self.rest_gap:  # expect: GIL003
            self.last_patrolled[beat] = now
            self.assignments.append((keeper, beat))
            return True
        return False

    def log_incident(self, who: str, what: str) -> int:
        self._log_lock.acquire()  # ok: GIL005
        try:
            self.incidents.append(f"{time.strftime('%H:%M:%S')} {who}: {what}")
            return self._count_incidents()
        finally:
            self._log_lock.release()

    def _count_incidents(self) -> int:
        with self._log_lock:
            return len(self.incidents)


class Keeper(threading.Thread):
    def __init__(self, name: str, desk: PatrolDesk, order: List[str], *, rounds: int,
                 patrol_seconds: float, **kwargs) -> None:
        super().__init__(name=f"keeper-{name}", **kwargs)
        self.keeper = name
        self.desk = desk
        self.order = order
        self.rounds = rounds
        self.patrol_seconds = patrol_seconds
        self.walked: List[str] = []

    def run(self) -> None:
        beats = itertools.cycle(self.order)
        for _ in range(self.rounds):  # ok: GIL001
            beat = next(beats)
            if not self.desk.dispatch(self.keeper, beat):
                time.sleep(self.patrol_seconds / 3)
                continue
            time.sleep(self.patrol_seconds)  # walking the beat
            self.walked.append(beat)
            with self.desk.radio:
                self.desk.radio_calls += 1  # ok: GIL002
            if len(self.walked) % 3 == 0:
                self.desk.log_incident(self.keeper, f"snares lifted on {beat}")


def night_watch(desk: PatrolDesk, label: str) -> None:
    count = desk.log_incident("night-watch", f"{label}: lights seen on the lane")
    log.info("night watch %s, %d incidents so far", label, count)


def rotate(beats: List[str], k: int) -> List[str]:
    k %= len(beats)
    return beats[k:] + beats[:k]


def run_night(config: Dict[str, object]) -> PatrolDesk:
    desk = PatrolDesk(config["beats"], config["rest_gap"])
    keepers = [
        Keeper(name, desk, rotate(config["beats"], i), rounds=config["rounds"],
               patrol_seconds=config["patrol_seconds"], daemon=True)
        for i, name in enumerate(config["keepers"])
    ]
    watches = [threading.Timer(d, night_watch, args=(desk, f"watch-{i}"))
               for i, d in enumerate(config["watch_delays"])]
    for t in itertools.chain(keepers, watches):
        t.start()
    for t in itertools.chain(keepers, watches):
        t.join(timeout=2.0)
    return desk


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    started = time.perf_counter()
    desk = run_night(NIGHT)
    per_beat: Dict[str, int] = {}
    for keeper, beat in desk.assignments:
        per_beat[beat] = per_beat.get(beat, 0) + 1
    print(f"assignments = {len(desk.assignments)}: {sorted(per_beat.items())}")
    print(f"radio calls = {desk.radio_calls}, incidents = {len(desk.incidents)}")
    for line in desk.incidents:
        print("  " + line.split(" ", 1)[1])
    print(f"night over in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
