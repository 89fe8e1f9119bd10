"""Grading line for fly-shuttle blanks.

Every boxwood/persimmon/cornel blank is scanned on a density grid. The full grade (per-species
grader classes) runs in a process pool; the quick moisture estimate runs in a thread pool whose
done-callbacks keep a tally. Which executor each mode gets comes from the config.
"""
import math
import multiprocessing
import random
from collections import deque
from concurrent.futures import ALL_COMPLETED, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass

CONFIG = {
    "grid": {"rows": 120, "cols": 800},
    "moisture_window": 9,
    "modes": {"grade": "process", "moisture": "thread"},
    "workers": 2,
    "blanks": [("BX-01", "boxwood"), ("BX-02", "boxwood"), ("PS-11", "persimmon"),
               ("PS-12", "persimmon"), ("CN-21", "cornel"), ("CN-22", "cornel")],
}
BASE_DENSITY = {"boxwood": 0.95, "persimmon": 0.83, "cornel": 0.88}


@dataclass(frozen=True)
class BlankScan:
    blank_id: str
    species: str
    rows: int
    cols: int
    seed: int

    def cells(self):
        rng = random.Random(self.seed)
        base = BASE_DENSITY[self.species]
        for r in range(self.rows):
            ring = (0.02 + 0.01 * (self.seed % 3)) * math.sin(r * 0.9)
            for c in range(self.cols):
                yield r, c, base + ring + rng.uniform(-0.02, 0.02)


def density_stats(scan):
    n = 0
    mean = m2 = 0.0
    for _, _, d in scan.cells():  # ok: GIL001 -- only reached from grade_blank, which the process pool runs
        n += 1
        delta = d - mean
        mean += delta / n
        m2 += delta * (d - mean)
    return mean, math.sqrt(m2 / max(n - 1, 1))


class Grader:
    premium = 0.0

    def grade(self, scan):
        mean, spread = density_stats(scan)
        return scan.blank_id, self.classify(mean, spread), round(mean, 3)

    def classify(self, mean, spread):
        return "A" if spread < 0.02 and mean > self.premium else "B"


class BoxwoodGrader(Grader):
    premium = 0.93


class PersimmonGrader(Grader):
    premium = 0.82

    def classify(self, mean, spread):
        grade = super().classify(mean, spread)
        return "A+" if grade == "A" and spread < 0.012 else grade


class CornelGrader(Grader):
    premium = 0.9


GRADERS = {"boxwood": BoxwoodGrader, "persimmon": PersimmonGrader, "cornel": CornelGrader}


def grade_blank(scan):
    return GRADERS[scan.species]().grade(scan)


class MoistureEstimator:
    def __init__(self, window):
        self.window = window

    def __call__(self, scan):
        peaks = self._profile(scan)
        return scan.blank_id, round(10.0 + 40.0 * (1.0 - sum(peaks) / len(peaks)), 2)

    def _profile(self, scan):
        recent = deque(maxlen=self.window)
        peaks = []
        row_peak = 0.0
        for r, c, density in scan.cells():  # expect: GIL001 -- 120 x 800 cells with a sliding window per thread-pool task, ~40 ms
            recent.append(density)
            smooth = sum(recent) / len(recent)
            row_peak = max(row_peak, smooth)
            if c == scan.cols - 1:
                peaks.append(row_peak)
                row_peak = 0.0
        return peaks


class Tally:
    def __init__(self):
        self.by_band = {}

    def on_done(self, future):
        blank_id, moisture = future.result()
        band = "dry" if moisture < 14 else "wet"
        self.by_band[band] = self.by_band.get(band, 0) + 1  # expect: GIL002 -- done-callbacks run in whichever pool thread finished, no lock


class GradingLineBuilder:
    def __init__(self, config):
        self.config = config

    def executor(self, mode):
        kind = self.config["modes"][mode]
        if kind == "process":
            return ProcessPoolExecutor(self.config["workers"], mp_context=multiprocessing.get_context("spawn"))
        return ThreadPoolExecutor(self.config["workers"], thread_name_prefix=mode)

    def scans(self):
        grid = self.config["grid"]
        for i, (blank_id, species) in enumerate(self.config["blanks"]):
            yield BlankScan(blank_id, species, grid["rows"], grid["cols"], seed=1000 + i)


def main():
    builder = GradingLineBuilder(CONFIG)
    scans = list(builder.scans())
    tally = Tally()
    estimator = MoistureEstimator(CONFIG["moisture_window"])
    with builder.executor("grade") as grade_pool, builder.executor("moisture") as moisture_pool:
        grade_futures = [grade_pool.submit(grade_blank, s) for s in scans]
        moisture_futures = []
        for s in scans:
            fut = moisture_pool.submit(estimator, s)
            fut.add_done_callback(tally.on_done)
            moisture_futures.append(fut)
        done, pending = wait(grade_futures + moisture_futures, return_when=ALL_COMPLETED)
    moisture = dict(f.result() for f in moisture_futures)
    summary = {}
    for f in grade_futures:
        blank_id, grade, mean = f.result()
        summary[grade] = summary.get(grade, 0) + 1  # ok: GIL002 -- main thread only, after wait()
        print(f"{blank_id}: grade {grade:2s} density {mean} moisture {moisture[blank_id]}%")
    print(f"grades {summary}, moisture bands {tally.by_band}, finished {len(done)} pending {len(pending)}")


if __name__ == "__main__":
    main()
