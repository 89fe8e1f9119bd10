"""Crabber sorting table: grade the day's catch into size bands.

The deck manifest is written to disk as the crabs come aboard, read back through a
generator pipeline, and split between two sorter threads.  Each sorter grades its
crabs, keeps per-thread counts, and drops the graded batches into the shared bin rack.
A timer prints the progress board once mid-way.
"""
import csv
import logging
import os
import random
import tempfile
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("crabber.sorter")

TABLE = {"crabs": 90_000, "sorters": 2, "progress_after": 0.02, "seed": 77,
         "bands": ((0, 140, "short"), (140, 159, "sublegal"), (159, 175, "legal"),
                   (175, 190, "select"), (190, 999, "jumbo"))}

tls = threading.local()


@dataclass(frozen=True)
class Crab:
    tag: int
    carapace_mm: float
    weight_g: float
    soft_shell: bool


def read_manifest(path: str):
    with open(path, newline="", encoding="utf-8") as fh:
        yield from csv.reader(fh)


def parse(rows):
    for tag, carapace, weight, soft in rows:
        yield Crab(int(tag), float(carapace), float(weight), soft == "1")


def write_manifest(path: str, count: int, seed: int):
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        for tag in range(count):
            mm = rng.gauss(165, 18)
            out.writerow((tag, f"{mm:.1f}", f"{mm * 6.1:.0f}", int(rng.random() < 0.1)))


def band_of(crab: Crab, bands) -> str:
    for low, high, name in bands:
        if low <= crab.carapace_mm < high:
            return "soft" if crab.soft_shell and name != "short" else name
    return "short"


class BinRack:
    def __init__(self):
        self.bins: dict[str, list] = {}
        self.returns: list = []
        self._bin_lock = threading.Lock()

    def _check_scale(self, weight: float) -> float:
        if weight < 0:
            raise ValueError("scale not tared")
        return weight

    def drop_batch(self, band: str, batch, weight: float) -> float:
        self._bin_lock.acquire()  # expect: GIL005
        weight = self._check_scale(weight)
        self.bins.setdefault(band, []).extend(batch)
        self._bin_lock.release()
        return weight

    def send_back(self, batch):
        self._bin_lock.acquire()  # ok: GIL005
        try:
            self.returns.extend(batch)
        finally:
            self._bin_lock.release()


class Sorter(threading.Thread):
    def __init__(self, name: str, crabs, rack: BinRack, bands, results: dict):
        super().__init__(name=name)
        self._crabs = crabs
        self._rack = rack
        self._bands = bands
        self._results = results

    def run(self):
        tls.counts = {}
        graded, grams = self._grade(self._crabs)
        weights = {band: self._rack.drop_batch(band, batch, grams[band])
                   for band, batch in graded.items() if band not in ("short", "soft")}
        self._rack.send_back(graded.get("short", []) + graded.get("soft", []))
        self._results[self.name] = (dict(tls.counts), weights)

    def _grade(self, crabs):
        graded: dict[str, list] = {}
        grams: dict[str, float] = {}
        for crab in crabs:  # expect: GIL001
            band = band_of(crab, self._bands)
            graded.setdefault(band, []).append(crab)
            grams[band] = grams.get(band, 0.0) + crab.weight_g  # ok: GIL002
            tls.counts[band] = tls.counts.get(band, 0) + 1  # ok: GIL002
        return graded, grams


def progress_board(results: dict, rack: BinRack, names):
    finished = len(results)
    for name in names:  # ok: GIL001
        log.warning("%s: started", name)
    log.warning("finished so far: %d of %d; bins so far: %d", finished, len(names), len(rack.bins))


def sort_catch(table: dict, workdir: str):
    manifest = os.path.join(workdir, "manifest.csv")
    write_manifest(manifest, table["crabs"], table["seed"])
    crabs = list(parse(read_manifest(manifest)))

    rack, results = BinRack(), {}
    n = table["sorters"]
    sorters = [Sorter(f"sorter-{i}", crabs[i::n], rack, table["bands"], results) for i in range(n)]
    board = threading.Timer(table["progress_after"], progress_board,
                            args=(results, rack, [s.name for s in sorters]))
    board.start()
    for sorter in sorters:
        sorter.start()
    for sorter in sorters:
        sorter.join()
    board.join()
    return crabs, rack, results


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="[%(threadName)s] %(message)s")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sorter-") as workdir:
        crabs, rack, results = sort_catch(TABLE, workdir)
    for name, (counts, weights) in sorted(results.items()):
        kg = sum(weights.values()) / 1000
        print(f"{name}: {sum(counts.values())} crabs graded, {kg:.1f} kg binned")
    print(f"bins: { {band: len(batch) for band, batch in sorted(rack.bins.items())} }")
    print(f"returned to sea: {len(rack.returns)} of {len(crabs)}")
    print(f"sorted in {time.perf_counter() - started:.2f}s")
