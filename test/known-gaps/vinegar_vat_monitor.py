"""Vinegar brewery cellar: probes watch the acetification vats and post to one board.

Every vat has a top and a bottom probe on a slow serial line; each probe runs in
its own thread (closures made by a factory and registered with a scheduler).
Readings go to the cellar board, which counts samples per vat and raises an
alarm when the mother of vinegar runs too warm.
"""
import logging
import math
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("vinegar.cellar")

CELLAR_CONFIG = {
    "vats": ("cider-1", "cider-2", "malt-1"),
    "ticks": 25,
    "period": 0.002,
    "serial_delay": 0.001,
    "warm_limit_c": 30.5,
}


class VatGuard:
    """Context manager that holds the board lock while the alarm board is touched."""

    def __init__(self, lock, label):
        self._lock = lock
        self.label = label

    def __enter__(self):
        self._lock.acquire()  # ok: GIL005
        return self

    def __exit__(self, exc_type, exc, tb):
        self._lock.release()
        return False


@dataclass
class Probe:
    vat: str
    position: str
    offset: float
    serial_delay: float
    _tick: int = field(default=0, repr=False)

    def read(self):
        time.sleep(self.serial_delay)  # wait for the serial line to answer
        self._tick += 1  # ok: GIL002
        acidity = 4.0 + 0.02 * self._tick + self.offset
        temp = 29.0 + 2.0 * math.sin(self._tick / 3.0 + self.offset)
        return round(acidity, 3), round(temp, 2)


class CellarBoard:
    def __init__(self, vats, warm_limit):
        self.samples = {vat: 0 for vat in vats}
        self.readings = {vat: [] for vat in vats}
        self.alarms = 0
        self.warm_limit = warm_limit
        self._lock = threading.Lock()
        self.guard = VatGuard(self._lock, "alarm-board")

    def record(self, vat, acidity, temp):
        self.samples[vat] += 1  # expect: GIL002
        self.readings[vat].append((acidity, temp))
        if temp > self.warm_limit:
            with self.guard:
                self.alarms += 1  # ok: GIL002
                log.info("%s running warm: %.2f C", vat, temp)

    @property
    def total_samples(self):
        return sum(self.samples.values())


class Scheduler:
    """Registry of periodic jobs; each job gets its own thread on start."""

    def __init__(self):
        self._jobs = []
        self._threads = []

    def register(self, job, **options):
        self._jobs.append((job, options))
        return job

    def start_all(self):
        for job, options in self._jobs:
            t = threading.Thread(target=job, name=job.__name__, kwargs=options)
            self._threads.append(t)
            t.start()

    def join_all(self):
        for t in self._threads:
            t.join()


def make_probe_job(board, probe):
    def job(*, ticks, period):
        for _ in range(ticks):  # ok: GIL001
            acidity, temp = probe.read()
            board.record(probe.vat, acidity, temp)
            time.sleep(period)
    job.__name__ = f"probe-{probe.vat}-{probe.position}"
    return job


def main():
    logging.basicConfig(level=logging.WARNING)
    cfg = CELLAR_CONFIG
    board = CellarBoard(cfg["vats"], cfg["warm_limit_c"])
    scheduler = Scheduler()
    for i, vat in enumerate(cfg["vats"]):
        for position, offset in (("top", 0.1 * i), ("bottom", 0.1 * i + 0.5)):
            probe = Probe(vat, position, offset, cfg["serial_delay"])
            scheduler.register(make_probe_job(board, probe), ticks=cfg["ticks"],
                               period=cfg["period"])
    start = time.perf_counter()
    scheduler.start_all()
    scheduler.join_all()
    expected = 2 * cfg["ticks"]
    for vat in cfg["vats"]:
        last = board.readings[vat][-1]
        print(f"{vat}: samples = {board.samples[vat]} (expected {expected}), last {last}")
    print(f"total samples = {board.total_samples}; warm alarms = {board.alarms}; "
          f"{time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
