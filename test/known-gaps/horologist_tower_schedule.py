"""Horologist tower clock maintenance schedule.

The church tower clock needs its going and striking trains wound, the pivots
oiled, the bell hammer and the leading-off rods checked.  Jobs register with a
small runner by decorator: two maintenance crews share the task list, a planner
builds the long-range calendar with the equation-of-time correction for setting
the clock by the sundial, and the bell job strikes the test hours.
"""
import datetime
import logging
import math
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("horologist.schedule")


@dataclass(frozen=True)
class Task:
    name: str
    every_days: int
    minutes: int

    def due(self, offset: int) -> bool:
        return offset % self.every_days == 0


TASKS = [
    Task("wind going train", 7, 4), Task("wind striking train", 7, 5),
    Task("oil escapement", 91, 6), Task("oil motion work", 182, 3),
    Task("check bell hammer", 30, 2), Task("check leading-off rods", 60, 3),
    Task("grease hands", 365, 7), Task("check pendulum rating nut", 14, 2),
]


@dataclass
class ScheduleBoard:
    tasks: list
    assigned: dict = field(default_factory=dict)
    calendar: list = field(default_factory=list)
    _counts: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._counts["pending"] = len(self.tasks)

    @property
    def pending(self) -> int:
        return self._counts["pending"]

    @pending.setter
    def pending(self, value: int) -> None:
        self._counts["pending"] = value


class Bell:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.struck: list[int] = []

    def strike(self, hour: int) -> None:
        self._lock.acquire()  # ok: GIL005
        try:
            for _ in range(hour % 12 or 12):
                time.sleep(0.001)  # hammer lifts and falls
        except OSError:
            log.exception("hammer jammed at %d o'clock", hour)
            raise
        else:
            self.struck.append(hour)
        finally:
            self._lock.release()


class JobRunner:
    def __init__(self) -> None:
        self._jobs: dict = {}
        self.threads: list[threading.Thread] = []

    def job(self, name: str, copies: int = 1, **defaults):
        def register(fn):
            self._jobs[name] = (fn, copies, defaults)
            return fn
        return register

    def _wrap(self, name: str, fn):
        def runner(**kwargs):
            start = time.perf_counter()
            try:
                fn(**kwargs)
            except Exception:
                log.exception("%s failed", name)
            finally:
                log.info("%s finished in %.0f ms", name, (time.perf_counter() - start) * 1000)
        return runner

    def start_all(self, **shared) -> None:
        for name, (fn, copies, defaults) in self._jobs.items():
            for i in range(copies):
                kwargs = {**defaults, **shared, "crew": f"{name}-{i}"}
                t = threading.Thread(target=self._wrap(name, fn), kwargs=kwargs, name=f"{name}-{i}")
                t.start()
                self.threads.append(t)

    def join_all(self) -> None:
        for t in self.threads:
            t.join()


runner = JobRunner()


@runner.job("crew", copies=2, minute_s=0.002)
def maintenance_crew(*, board: ScheduleBoard, crew: str, minute_s: float, **_extra) -> None:
    for task in board.tasks:  # ok: GIL001
        if task.name not in board.assigned:  # expect: GIL003
            board.assigned[task.name] = crew
            time.sleep(task.minutes * minute_s)  # climbing the tower, doing the job
            board.pending = board.pending - 1  # expect: GIL002


def build_calendar(years: int, start_year: int, tasks: list) -> list:
    day0 = datetime.date(start_year, 1, 1)
    entries = []
    for offset in range(years * 365):  # expect: GIL001
        day = day0 + datetime.timedelta(days=offset)
        b = 2.0 * math.pi * (day.timetuple().tm_yday - 81) / 364.0
        eot_min = 9.87 * math.sin(2.0 * b) - 7.53 * math.cos(b) - 1.5 * math.sin(b)
        for task in tasks:
            if task.due(offset):
                entries.append((day.isoformat(), task.name, round(eot_min, 1)))
    return entries


@runner.job("planner", years=40, start_year=2025)
def plan_calendar(*, board: ScheduleBoard, years: int, start_year: int, **_extra) -> None:
    board.calendar = build_calendar(years, start_year, board.tasks)


@runner.job("bell", hours=(3, 6, 9, 12))
def test_strikes(*, bell: Bell, hours: tuple, **_extra) -> None:
    for hour in hours:
        bell.strike(hour)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)-10s %(message)s")
    board = ScheduleBoard(list(TASKS))
    bell = Bell()
    started = time.perf_counter()
    runner.start_all(board=board, bell=bell)
    runner.join_all()
    log.info("tasks assigned: %s", sorted(set(board.assigned.values())))
    log.info("pending after the visit: %d", board.pending)
    log.info("calendar has %d entries; first %s", len(board.calendar), board.calendar[:1])
    log.info("bell struck %s", bell.struck)
    log.info("visit took %.2fs", time.perf_counter() - started)


if __name__ == "__main__":
    main()
