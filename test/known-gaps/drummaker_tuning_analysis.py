"""Tap-tune drum heads lug by lug.

A microphone capture of a tap at each lug is analysed by the analyzers named in
the bench config: a DFT around the expected fundamental and a cheap decay
envelope. Lug analyses run on a thread pool; the tension sweep that predicts the
head's modes for every tension step runs in worker processes.
"""
import cmath
import math
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, wait
from functools import partial

BENCH_CONFIG = {
    "sample_rate": 8_000,
    "capture": 2_048,
    "analyzers": ["dft", "envelope"],
    "dft_bins": (16, 96),
    "drums": {
        "snare-14": {"lugs": 10, "pitch_hz": 290.0, "diameter_in": 14},
        "tom-12": {"lugs": 6, "pitch_hz": 180.0, "diameter_in": 12},
    },
    "tension_steps": 120_000,
    "workers": 4,
}

ANALYZERS = {}


def analyzer(name):
    def register(cls):
        ANALYZERS[name] = cls
        return cls
    return register


def tap_signal(pitch_hz, lug, rate, count):
    detune = 1.0 + 0.004 * ((lug * 7) % 5 - 2)
    for n in range(count):  # ok: GIL001 -- one capture of 2048 samples per lug
        t = n / rate
        yield math.exp(-9.0 * t) * math.sin(2 * math.pi * pitch_hz * detune * t)


class Analyzer:
    def __init__(self, config):
        self.rate = config["sample_rate"]

    def __call__(self, samples):
        return self.analyze(samples)

    def analyze(self, samples):
        raise NotImplementedError


@analyzer("dft")
class DftAnalyzer(Analyzer):
    def __init__(self, config):
        super().__init__(config)
        self.lo_bin, self.hi_bin = config["dft_bins"]

    @staticmethod
    def _magnitude(samples, k):
        w = -2j * math.pi * k / len(samples)
        acc = 0j
        for n, x in enumerate(samples):
            acc += x * cmath.exp(w * n)
        return abs(acc)

    def analyze(self, samples):
        spectrum = [self._magnitude(samples, k) for k in range(self.lo_bin, self.hi_bin)]  # expect: GIL001 -- 80 bins x 2048 samples per lug, on pool threads
        best = max(range(len(spectrum)), key=spectrum.__getitem__)
        return {"pitch_hz": (self.lo_bin + best) * self.rate / len(samples)}


@analyzer("envelope")
class EnvelopeAnalyzer(Analyzer):
    def analyze(self, samples):
        peak = max(abs(x) for x in samples[:64])  # ok: GIL001 -- looks at the first 64 samples only
        tail = abs(samples[len(samples) // 2]) or 1e-9
        return {"decay": round(math.log(peak / tail), 2)}


class TuningReport:
    def __init__(self):
        self._lock = threading.Lock()
        self.histogram = {}
        self.lowest = {}
        self.lugs = {}

    def add(self, drum, lug, result):
        pitch = result.get("pitch_hz")
        if pitch is not None:
            bucket = int(pitch // 10) * 10
            self.histogram[bucket] = self.histogram.get(bucket, 0) + 1  # expect: GIL002 -- one report shared by all lug tasks, no lock
            if pitch < self.lowest.get(drum, float("inf")):  # expect: GIL003 -- two lugs of one drum can both pass before either stores
                self.lowest[drum] = pitch
        with self._lock:
            if (drum, lug) not in self.lugs:  # ok: GIL003 -- test and insert under self._lock
                self.lugs[(drum, lug)] = {}
            self.lugs[(drum, lug)].update(result)


def analyze_lug(analyzers, report, config, drum, spec, lug):
    samples = list(tap_signal(spec["pitch_hz"], lug, config["sample_rate"], config["capture"]))
    for name in config["analyzers"]:
        report.add(drum, lug, analyzers[name](samples))
    return drum, lug


def sweep_modes(diameter_in, steps):
    """Membrane mode ratios over the tension range; runs in a worker process."""
    radius = diameter_in * 0.0127
    best = 0.0
    for i in range(steps):  # ok: GIL001 -- submitted to a ProcessPoolExecutor, not a thread
        tension = 2_000 + i * 0.05
        f01 = 2.405 / (2 * math.pi * radius) * math.sqrt(tension / 0.26)
        best = max(best, f01)
    return diameter_in, round(best, 1)


def run_bench(config):
    analyzers = {name: ANALYZERS[name](config) for name in config["analyzers"]}
    report = TuningReport()
    task = partial(analyze_lug, analyzers, report, config)
    with ProcessPoolExecutor(max_workers=2) as procs, ThreadPoolExecutor(max_workers=config["workers"]) as pool:
        sweeps = [procs.submit(sweep_modes, spec["diameter_in"], config["tension_steps"])
                  for spec in config["drums"].values()]
        lug_futures = [pool.submit(task, drum, spec, lug)
                       for drum, spec in config["drums"].items() for lug in range(spec["lugs"])]
        done, pending = wait(lug_futures + sweeps)
    ceilings = dict(f.result() for f in sweeps)
    return report, ceilings, len(done), len(pending)


def main():
    report, ceilings, done, pending = run_bench(BENCH_CONFIG)
    print(f"tasks done {done}, pending {pending}")
    print(f"lowest lug per drum {report.lowest}")
    print(f"pitch histogram {dict(sorted(report.histogram.items()))}")
    print(f"lugs analysed {len(report.lugs)}, mode ceilings {ceilings}")


if __name__ == "__main__":
    main()
