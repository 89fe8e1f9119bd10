"""Wool carding mill: a threaded pipeline loads fleece batches and simulates carding them.

The loader stage reads batch sheets from the intake folder; the carder stages align the
fibres pass by pass and count the neps left in the web.  A fleece must only be carded once.
"""
import json
import logging
import os
import queue
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

log = logging.getLogger("carder.pipeline")

MILL_CONFIG = {"carders": 2, "passes": 24, "fibres": 12_000, "nep_angle": 0.35}


@dataclass(frozen=True)
class FleeceBatch:
    batch_id: str
    fleece_id: str
    breed: str
    micron: float
    kg: float


@dataclass
class CardedWeb:
    batch_id: str
    neps: int
    alignment: float
    carder: str = ""


@dataclass
class FleeceRegistry:
    """Which fleeces have gone through the carder; shared by the carder stages."""
    seen: set = field(default_factory=set)
    duplicates: list = field(default_factory=list)

    def claim(self, batch: FleeceBatch) -> bool:
        if batch.fleece_id in self.seen:  # expect: GIL003
            self.duplicates.append(batch.batch_id)
            return False
        self.seen.add(batch.fleece_id)
        return True


def card_batch(batch: FleeceBatch, passes: int, fibres: int, nep_angle: float) -> CardedWeb:
    angles = [((i * 2654435761) % 1000) / 1000.0 * 1.5 for i in range(fibres)]
    pull = 0.18 + (batch.micron - 18.0) * 0.004
    for _ in range(passes):
        for i in range(fibres):
            a = angles[i]
            angles[i] = a - pull * a if a < 1.2 else a * 0.999
    neps = 0
    for a in angles:
        if a > nep_angle:
            neps += 1  # ok: GIL002
    return CardedWeb(batch.batch_id, neps, round(1.0 - sum(angles) / fibres, 4))


def load_batches(paths: list[str], outbox: queue.Queue, sentinels: int) -> None:
    """Loader stage: reads batch sheets (disk) and feeds the carders."""
    try:
        for path in paths:  # ok: GIL001
            with open(path) as fh:
                outbox.put(FleeceBatch(**json.load(fh)))
    finally:
        for _ in range(sentinels):
            outbox.put(None)


def card_stage(inbox: queue.Queue, results: list, registry: FleeceRegistry, *, passes: int,
               fibres: int, nep_angle: float, **_opts) -> None:
    """Carder stage: card every new fleece from the inbox until the loader hangs up."""
    me = threading.current_thread().name
    for batch in iter(inbox.get, None):  # expect: GIL001
        if not registry.claim(batch):
            continue
        web = card_batch(batch, passes, fibres, nep_angle)
        web.carder = me
        results.append(web)


class Pipeline:
    def __init__(self) -> None:
        self._threads: list[threading.Thread] = []

    def _spawn(self, target: Callable, name: str, kwargs: dict) -> None:
        self._threads.append(threading.Thread(target=target, name=name, kwargs=kwargs))

    def add_stage(self, name: str, fn: Callable, count: int = 1, **kwargs) -> "Pipeline":
        for i in range(count):
            self._spawn(fn, f"{name}-{i}", kwargs)
        return self

    def run(self) -> None:
        for t in self._threads:
            t.start()
        for t in self._threads:
            t.join()


def write_intake(folder: str) -> list[str]:
    batches = [
        ("K1", "F-101", "Shetland", 23.0, 4.2), ("K2", "F-102", "Merino", 19.5, 3.8),
        ("K3", "F-103", "Romney", 33.0, 5.1), ("K4", "F-101", "Shetland", 23.0, 4.2),
        ("K5", "F-104", "Corriedale", 27.5, 4.7), ("K6", "F-105", "Jacob", 30.0, 3.9),
        ("K7", "F-106", "Merino", 18.5, 3.5),
    ]
    paths = []
    for batch_id, fleece_id, breed, micron, kg in batches:
        path = os.path.join(folder, f"{batch_id}.json")
        with open(path, "w") as fh:
            json.dump({"batch_id": batch_id, "fleece_id": fleece_id, "breed": breed,
                       "micron": micron, "kg": kg}, fh)
        paths.append(path)
    return paths


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    cfg = dict(MILL_CONFIG)
    carders = cfg.pop("carders")
    registry = FleeceRegistry()
    results: list[CardedWeb] = []
    inbox: queue.Queue = queue.Queue(maxsize=4)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="carding-") as folder:
        paths = write_intake(folder)
        pipeline = (Pipeline()
                    .add_stage("loader", load_batches, paths=paths, outbox=inbox,
                               sentinels=carders)
                    .add_stage("carder", card_stage, count=carders, inbox=inbox,
                               results=results, registry=registry, **cfg))
        pipeline.run()
    for web in sorted(results, key=lambda w: w.batch_id):
        print(f"{web.batch_id}: neps {web.neps}, alignment {web.alignment} ({web.carder})")
    print(f"carded = {len(results)} (expected {len(paths) - 1}), "
          f"duplicates {registry.duplicates}")
    print(f"mill run {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
