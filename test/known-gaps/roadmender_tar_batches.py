"""Tar kettle shared by pothole repair crews.

A boiler thread tops the kettle up with fresh batches of hot tar; each crew thread drives from
pothole to pothole and ladles what it needs out of the kettle.
"""
import functools
import logging
import random
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("roadmender.tar")

SETTINGS = {
    "kettle_litres": 120.0,
    "boiler": {"batches": 12, "batch_litres": 40.0, "boil_s": 0.01},
    "crews": {
        "Ganger Hobbs": {"holes": 10, "travel_s": 0.006},
        "Ganger Pryce": {"holes": 9, "travel_s": 0.007},
        "Ganger Stott": {"holes": 11, "travel_s": 0.005},
    },
}


class KettleEmpty(RuntimeError):
    pass


def retry(times=3, delay=0.01, exceptions=(Exception,)):
    """Retry the wrapped call a few times, sleeping between attempts."""
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            last = None
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except exceptions as exc:
                    last = exc
                    log.debug("%s failed (attempt %d): %s", fn.__name__, attempt + 1, exc)
                    time.sleep(delay * (attempt + 1))
            raise last
        return wrapper
    return deco


@dataclass
class TarKettle:
    level: float
    temperature_c: float = 160.0
    batches_in: int = 0
    _cond: threading.Condition = field(default_factory=threading.Condition, repr=False)

    @retry(times=4, delay=0.004, exceptions=(KettleEmpty,))
    def take(self, litres):
        if self.level >= litres:  # expect: GIL003
            time.sleep(0.0005)  # open the tap and fill the bucket
            self.level -= litres  # expect: GIL002
            return litres
        raise KettleEmpty(f"only {self.level:.1f} l left, need {litres:.1f} l")

    def refill(self, litres):
        with self._cond:
            self.level += litres  # ok: GIL002
            self.batches_in += 1
            self._cond.notify_all()


@dataclass
class Crew:
    name: str
    holes: int
    travel_s: float
    patched: int = 0
    skipped: int = 0
    tar_used: float = 0.0

    @property
    def summary(self):
        return (f"{self.name}: patched {self.patched}, skipped {self.skipped}, "
                f"{self.tar_used:.1f} l of tar")


def boiler(kettle, batches, batch_litres, boil_s):
    for batch_no in range(batches):
        time.sleep(boil_s)  # coal fire heating the next batch
        kettle.refill(batch_litres)
        log.debug("batch %d in, kettle at %.1f l", batch_no, kettle.level)


def crew_shift(crew, kettle, seed):
    rng = random.Random(seed)
    for hole in range(crew.holes):  # ok: GIL001
        time.sleep(crew.travel_s)  # drive the cart to the next pothole
        need = round(rng.uniform(6.0, 14.0), 1)
        try:
            kettle.take(need)
        except KettleEmpty as exc:
            crew.skipped += 1
            log.info("%s skipped hole %d: %s", crew.name, hole, exc)
            continue
        crew.patched += 1  # ok: GIL002
        crew.tar_used += need


def start_worker(fn, *, name, **kwargs):
    t = threading.Thread(target=fn, name=name, kwargs=kwargs)
    t.start()
    return t


def run_day(settings):
    kettle = TarKettle(level=settings["kettle_litres"])
    crews = [Crew(name, **opts) for name, opts in settings["crews"].items()]
    threads = [start_worker(boiler, name="boiler", kettle=kettle, **settings["boiler"])]
    for seed, crew in enumerate(crews):
        threads.append(start_worker(crew_shift, name=crew.name, crew=crew,
                                    kettle=kettle, seed=seed))
    for t in threads:
        t.join()
    return kettle, crews


def main():
    logging.basicConfig(level=logging.WARNING, format="%(threadName)s: %(message)s")
    t0 = time.perf_counter()
    kettle, crews = run_day(SETTINGS)
    for crew in crews:
        print(crew.summary)
    poured = SETTINGS["kettle_litres"] + kettle.batches_in * SETTINGS["boiler"]["batch_litres"]
    used = sum(c.tar_used for c in crews)
    print(f"kettle level = {kettle.level:.1f} (expected {poured - used:.1f})")
    print(f"day finished in {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
