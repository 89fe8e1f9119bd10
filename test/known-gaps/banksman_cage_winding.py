"""Banksman cage winding.

Banksmen at the pit bank sign on in the record book, ring the engine house
and wind the cage; the engine computes its speed profile for the shaft on a
job thread chosen from a dispatch table. The brake is taken for every wind.
"""
import functools
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Tuple

log = logging.getLogger("banksman.winding")

SHAFT = {"depth_m": 540.0, "max_speed": 12.0, "accel": 0.8, "step_s": 2e-4,
         "wind_s": 0.004, "banksmen": 3, "trips": 3}


class BrakeFault(RuntimeError):
    pass


@dataclass
class Cage:
    name: str
    position: str = "bank"
    riders: int = 0
    capacity: int = 12


@dataclass
class RecordBook:
    """Shared by every banksman."""
    opened_by: Dict[str, str] = field(default_factory=dict)
    entries: List[str] = field(default_factory=list)

    def open_shift(self, shift: str, banksman: str) -> bool:
        if shift not in self.opened_by:  # expect: GIL003
            self.opened_by[shift] = banksman
            self.entries.append(f"{shift} shift opened by {banksman} at {time.monotonic():.3f}")
            return True
        self.entries.append(f"{banksman} joined the {shift} shift")
        return False


class WindingEngine:
    def __init__(self, cage: Cage, wind_s: float):
        self.cage = cage
        self.wind_s = wind_s
        self._brake = threading.Lock()
        self.bell_signals = 0
        self.winds = 0
        self.profile: List[Tuple[float, float]] = []

    def compute_profile(self, depth_m: float, max_speed: float, accel: float,
                        step_s: float) -> float:
        t = v = x = 0.0
        samples: List[Tuple[float, float]] = []
        while x < depth_m:  # expect: GIL001
            remaining = depth_m - x
            braking = v * v / (2 * accel)
            if remaining <= braking:
                v = max(v - accel * step_s, 0.5)
            elif v < max_speed:
                v = min(v + accel * step_s, max_speed)
            x += v * step_s
            t += step_s
            if len(samples) < 1000 or int(t * 10) != int((t - step_s) * 10):
                samples.append((round(t, 3), round(v, 3)))
        self.profile = samples
        return t

    def ring(self, banksman: str, code: int) -> None:
        log.debug("%s rings %d", banksman, code)
        self.bell_signals += 1  # expect: GIL002

    def wind(self, banksman: str, riders: int) -> str:
        if not self._brake.acquire(timeout=1.0):  # ok: GIL005
            raise BrakeFault(f"{banksman}: brake not released in time")
        try:
            if self.cage.position == "bank":  # ok: GIL003
                self.cage.riders = min(riders, self.cage.capacity)
                self.cage.position = "pit"
            else:
                self.cage.riders = 0
                self.cage.position = "bank"
            time.sleep(self.wind_s)  # the cage is in the shaft
            self.winds += 1  # ok: GIL002
            return self.cage.position
        finally:
            self._brake.release()


def banksman_shift(name: str, engine: WindingEngine, book: RecordBook, trips: int) -> None:
    book.open_shift("day", name)
    for trip in range(trips):  # ok: GIL001
        engine.ring(name, code=3)
        where = engine.wind(name, riders=4 + trip)
        book.entries.append(f"{name} trip {trip}: cage to {where}")


def start_job(jobs: Dict[str, Tuple[Callable, dict]], name: str) -> threading.Thread:
    fn, kwargs = jobs[name]
    thread = threading.Thread(target=fn, kwargs=kwargs, name=f"job-{name}")
    thread.start()
    return thread


def main(shaft: Dict = SHAFT) -> None:
    logging.basicConfig(level=logging.WARNING)
    engine = WindingEngine(Cage("No. 1 cage"), shaft["wind_s"])
    book = RecordBook()
    jobs = {
        "profile": (engine.compute_profile,
                    {k: shaft[k] for k in ("depth_m", "max_speed", "accel", "step_s")}),
    }
    started = time.perf_counter()
    profile_thread = start_job(jobs, "profile")
    banksmen = [
        threading.Timer(0.002 * i, functools.partial(banksman_shift, f"banksman{i}",
                                                     engine, book, shaft["trips"]))
        for i in range(shaft["banksmen"])
    ]
    for b in banksmen:
        b.start()
    for b in banksmen:
        b.join()
    profile_thread.join()
    expected = shaft["banksmen"] * shaft["trips"]
    print(f"winding done in {time.perf_counter() - started:.2f}s")
    print(f"bell signals = {engine.bell_signals} (expected {expected}), winds = {engine.winds}")
    print(f"shifts opened = {book.opened_by}; profile points = {len(engine.profile)}")
    print(f"cage at {engine.cage.position} with {engine.cage.riders} riders")


if __name__ == "__main__":
    main()
