"""Rehearsal: section threads play measures and fire bar callbacks; a tempo analysis runs on a stage job."""
import logging
import math
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

log = logging.getLogger("conductor.rehearsal")

REHEARSAL = {
    "sections": {"strings": 12, "brass": 10, "winds": 11, "percussion": 8},
    "measure_s": 0.004,
    "tempo_samples": 24_000,
    "tempo_window": 96,
}

tls = threading.local()


class Score:
    """Bar counter exposed through a property (the conductor's baton count)."""

    def __init__(self):
        self._bar = 0

    @property
    def bar(self):
        return self._bar

    @bar.setter
    def bar(self, value):
        self._bar = value


class CallbackRegistry:
    def __init__(self):
        self._callbacks = defaultdict(list)
        self._lock = threading.RLock()

    def on(self, event):
        def register(fn):
            with self._lock:
                self._callbacks[event].append(fn)
            return fn
        return register

    def fire(self, event, **payload):
        with self._lock:
            handlers = list(self._callbacks[event])
        for handler in handlers:  # ok: GIL001
            handler(**payload)


@dataclass
class StageJob:
    name: str
    target: object
    kwargs: dict = field(default_factory=dict)


class Stage:
    """Runs jobs on named threads and keeps their return values."""

    def __init__(self):
        self.results = {}
        self._threads = []

    def _wrap(self, job):
        def runner():
            self.results[job.name] = job.target(**job.kwargs)
        return runner

    def launch(self, job):
        thread = threading.Thread(target=self._wrap(job), name=job.name)
        self._threads.append(thread)
        thread.start()
        return thread

    def join_all(self):
        for thread in self._threads:
            thread.join()


score = Score()
registry = CallbackRegistry()
cues_seen = {}


@registry.on("bar")
def count_bar(section, measure):
    score.bar += 1  # expect: GIL002


@registry.on("bar")
def mark_cue(section, measure):
    if measure not in cues_seen:  # expect: GIL003
        cues_seen[measure] = section


@registry.on("bar")
def tally_local(section, measure):
    tls.measures += 1  # ok: GIL002


def play_section(section, measures, measure_s):
    tls.measures = 0
    for measure in range(measures):  # ok: GIL001
        time.sleep(measure_s)
        registry.fire("bar", section=section, measure=measure)
    log.info("%s played %d measures", section, tls.measures)
    return tls.measures


def synth_tempo(n, base=96.0):
    return [base + 3.0 * math.sin(i / 50.0) + ((i * 37) % 11 - 5) * 0.1 for i in range(n)]


def analyze_tempo(*, samples, window):
    """Sliding-window mean of the tempo trace, written the slow way."""
    smoothed = []
    for i in range(len(samples) - window):  # expect: GIL001
        acc = 0.0
        for j in range(i, i + window):
            acc += samples[j]
        smoothed.append(acc / window)
    drift = max(smoothed) - min(smoothed)
    return {"points": len(smoothed), "drift": round(drift, 3)}


def build_jobs(config, samples):
    jobs = [
        StageJob(f"section-{name}", play_section,
                 {"section": name, "measures": count, "measure_s": config["measure_s"]})
        for name, count in config["sections"].items()
    ]
    jobs.append(StageJob("tempo", analyze_tempo,
                         {"samples": samples, "window": config["tempo_window"]}))
    return jobs


def main():
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    samples = synth_tempo(REHEARSAL["tempo_samples"])
    stage = Stage()
    start = time.perf_counter()
    for job in build_jobs(REHEARSAL, samples):
        stage.launch(job)
    stage.join_all()
    expected = sum(REHEARSAL["sections"].values())
    print(f"bars = {score.bar} (expected {expected})")
    print(f"cues marked = {len(cues_seen)}")
    print(f"tempo: {stage.results['tempo']}")
    played = {k: v for k, v in stage.results.items() if k.startswith("section-")}
    print(f"played: {played}")
    print(f"rehearsal took {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
