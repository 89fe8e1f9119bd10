"""Abattoir line tallies.

Each station on the dressing line is a thread that grades the carcasses passing it
(EUROP conformation and fat class from the probe readings) and tallies them by grade for
the day sheet.  Condemned carcasses are tallied under the inspector's lock.
"""
import functools
import logging
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass

logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
log = logging.getLogger("slaughterman.tally")

TALLY = Counter()
CONDEMNED = {}
TALLY_LOCK = threading.Lock()
LINE_CONFIG = {"carcasses": 30_000, "condemn_every": 997}


def traced(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        log.info("%s starts", fn.__name__)
        t0 = time.perf_counter()
        out = fn(*args, **kwargs)
        log.info("%s done in %.0f ms", fn.__name__, (time.perf_counter() - t0) * 1000)
        return out
    return wrapper


@dataclass(slots=True)
class Carcass:
    tag: int
    weight_kg: float
    fat_mm: float
    muscle_score: float


class Grader:
    CONFORMATION = "PONRUE"
    FAT_BANDS = (2.0, 4.0, 7.0, 11.0, 15.0)

    def __init__(self, species):
        self.species = species

    def conformation(self, c):
        ratio = c.muscle_score * 100.0 / max(c.weight_kg, 1.0)
        index = min(int(ratio * 2.2), len(self.CONFORMATION) - 1)
        return self.CONFORMATION[index]

    def fat_class(self, c):
        for band, limit in enumerate(self.FAT_BANDS, start=1):
            if c.fat_mm < limit:
                return band
        return 5

    def grade(self, c):
        return f"{self.conformation(c)}{self.fat_class(c)}"


def carcass_stream(seed, n):
    rng = random.Random(seed)
    for tag in range(n):
        weight = rng.uniform(260.0, 420.0)
        yield Carcass(tag, weight, rng.uniform(1.0, 16.0), rng.uniform(0.5, 7.5))


def only_sound(carcasses, condemn_every):
    for c in carcasses:
        if c.tag % condemn_every == condemn_every - 1:
            reason = "abscess" if c.tag % 2 else "bruising"
            with TALLY_LOCK:
                CONDEMNED[reason] = CONDEMNED.get(reason, 0) + 1  # ok: GIL002
            continue
        yield c


@traced
def work_station(station, grader=None, carcasses=0, condemn_every=1000, seed=0):
    line = only_sound(carcass_stream(seed, carcasses), condemn_every)
    heaviest = 0.0
    for carcass in line:  # expect: GIL001
        grade = grader.grade(carcass)
        TALLY[grade] += 1  # expect: GIL002
        if carcass.weight_kg > heaviest:
            heaviest = carcass.weight_kg
    log.info("%s heaviest %.1f kg", station, heaviest)


def start_line(stations, species, config):
    grader = Grader(species)
    threads = []
    for i, station in enumerate(stations):
        kwargs = dict(config, grader=grader, seed=i)
        kwargs.setdefault("condemn_every", 1000)
        t = threading.Thread(target=work_station, name=station, args=(station,), kwargs=kwargs)
        threads.append(t)
    for t in threads:
        t.start()
    return threads


def day_sheet():
    rows = sorted(TALLY.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
    return ", ".join(f"{grade}:{n}" for grade, n in rows)


def main():
    cfg = {"carcasses": LINE_CONFIG["carcasses"], "condemn_every": LINE_CONFIG["condemn_every"]}
    start = time.perf_counter()
    threads = start_line(["splitting saw", "trimming stand", "grading rail"], "cattle", cfg)
    for t in threads:
        t.join()
    total = sum(TALLY.values()) + sum(CONDEMNED.values())
    expected = 3 * cfg["carcasses"]
    print(f"tallied {total} (expected {expected}); condemned {CONDEMNED}")
    print(f"top grades {day_sheet()}; {(time.perf_counter() - start) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
