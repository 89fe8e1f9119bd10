"""Rigging inspector for a tightrope act.

A thread pool inspects every anchor point of the rig: it reads the anchor's survey
file (local JSON in a temp directory, with a simulated sensor round trip),
cross-checks it against the neighbouring anchor, certifies it and writes a journal.
"""
import functools
import json
import logging
import os
import random
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass

log = logging.getLogger("tightrope.rigging")

SETTINGS = {
    "workers": 4,
    "anchors": 12,
    "retries": 6,
    "backoff": 0.002,
    "max_tension_kn": 18.0,
    "flaky_rate": 0.2,
}


class TransientSensorError(RuntimeError):
    """The load cell gave a reading that did not settle."""


def retry(tries=3, backoff=0.001, exceptions=(TransientSensorError,)):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            last = None
            for attempt in range(1, tries + 1):  # ok: GIL001
                try:
                    return fn(*args, **kwargs)
                except exceptions as exc:
                    last = exc
                    log.debug("retry %s #%d: %s", fn.__name__, attempt, exc)
                    time.sleep(backoff * attempt)
            raise last
        return wrapper
    return decorate


@dataclass(frozen=True)
class Reading:
    anchor: str
    tension_kn: float
    corrosion: float

    @property
    def safe(self):
        return self.tension_kn < SETTINGS["max_tension_kn"] and self.corrosion < 0.4


def make_progress(total):
    """Factory for the per-anchor progress callback handed to the inspector."""
    done = 0

    def tick(anchor):
        nonlocal done
        done += 1  # expect: GIL002
        log.info("inspected %s (%d/%d)", anchor, done, total)

    return tick


class SurveyStore:
    """One JSON survey file per anchor."""

    def __init__(self, root):
        self.root = root

    def _path(self, anchor):
        return os.path.join(self.root, f"{anchor}.json")

    def write(self, anchor, payload):
        with open(self._path(anchor), "w") as fh:
            json.dump(payload, fh)

    def read(self, anchor):
        with open(self._path(anchor)) as fh:
            return json.load(fh)


class Inspector:
    def __init__(self, store, on_done=None):
        self.store = store
        self.on_done = on_done or (lambda anchor: None)
        self._cache = {}
        self._certified = {}
        self._lock = threading.Lock()
        self._journal_lock = threading.Lock()
        self.journal = []

    def _fetch(self, anchor):
        time.sleep(0.003)  # sensor round trip
        return self.store.read(anchor)

    def survey(self, anchor):
        if anchor not in self._cache:  # expect: GIL003
            self._cache[anchor] = self._fetch(anchor)
        return self._cache[anchor]

    @retry(tries=SETTINGS["retries"], backoff=SETTINGS["backoff"])
    def measure(self, anchor):
        raw = self.survey(anchor)
        noise = random.random()
        if noise < SETTINGS["flaky_rate"]:
            raise TransientSensorError(f"gauge on {anchor} did not settle ({noise:.2f})")
        return Reading(anchor, raw["tension"], raw["corrosion"])

    def certify(self, reading):
        with self._lock:
            if reading.anchor not in self._certified:  # ok: GIL003
                self._certified[reading.anchor] = reading.safe
            return self._certified[reading.anchor]

    def journal_entry(self, reading, verdict):
        self._journal_lock.acquire()  # expect: GIL005
        if verdict is None:
            return None
        entry = f"{reading.anchor}: {'PASS' if verdict else 'FAIL'} ({reading.tension_kn:.1f} kN)"
        self.journal.append(entry)
        self._journal_lock.release()
        return entry

    def export(self, path):
        self._journal_lock.acquire()  # ok: GIL005
        try:
            lines = sorted(self.journal)
        finally:
            self._journal_lock.release()
        with open(path, "w") as fh:
            fh.write("\n".join(lines) + "\n")
        return len(lines)

    def inspect(self, anchor, neighbour):
        reading = self.measure(anchor)
        cross = self.measure(neighbour)
        drift_ok = abs(reading.tension_kn - cross.tension_kn) < 10.0
        verdict = bool(self.certify(reading) and drift_ok)
        self.journal_entry(reading, verdict)
        self.on_done(anchor)
        return asdict(reading), verdict


def seed_surveys(store, anchors, seed=11):
    rng = random.Random(seed)
    for anchor in anchors:
        store.write(anchor, {"tension": round(rng.uniform(8, 20), 2),
                             "corrosion": round(rng.uniform(0, 0.5), 3)})


def run_inspection(root, anchor_ids, **settings):
    store = SurveyStore(root)
    seed_surveys(store, anchor_ids)
    inspector = Inspector(store, on_done=make_progress(len(anchor_ids)))
    results, failures = {}, []
    with ThreadPoolExecutor(max_workers=settings["workers"], thread_name_prefix="rig") as pool:
        futures = {
            pool.submit(inspector.inspect, anchor, anchor_ids[(i + 1) % len(anchor_ids)]): anchor
            for i, anchor in enumerate(anchor_ids)
        }
        for fut in as_completed(futures):
            try:
                results[futures[fut]] = fut.result()
            except TransientSensorError as exc:
                failures.append(str(exc))
    exported = inspector.export(os.path.join(root, "journal.txt"))
    return results, failures, exported


def main():
    logging.basicConfig(level=logging.WARNING, format="%(threadName)s %(message)s")
    anchors = [f"A{i:02d}" for i in range(SETTINGS["anchors"])]
    with tempfile.TemporaryDirectory(prefix="rig-") as root:
        results, failures, exported = run_inspection(root, anchors, **SETTINGS)
    passed = sum(1 for _, verdict in results.values() if verdict)
    print(f"inspected {len(results)} anchors, {passed} passed, {len(failures)} sensor failures")
    print(f"journal lines exported: {exported}")


if __name__ == "__main__":
    main()
