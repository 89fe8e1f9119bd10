"""Sheave turning: lignum vitae sheaves are turned on lathe threads, their bronze pins are cut in
worker processes, and a polishing pass is scheduled with a Timer once the first lathe is busy.
"""
from __future__ import annotations

import logging
import math
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("blockmaker.turning")

SHOP = {
    "lathes": 3,
    "cuts_per_sheave": 20000,
    "sheaves_per_lathe": 3,
    "pin_threads": 100_000,
    "polish_points": 150_000,
    "polish_after_s": 0.005,
}

tally: dict[str, int] = {}
tally_lock = threading.Lock()


@dataclass(frozen=True)
class SheaveSpec:
    mark: str
    diameter_in: float
    width_in: float
    rope_in: float


@dataclass
class TurnedSheave:
    mark: str
    roundness: float
    groove_depth: float
    passes: int = 0
    notes: list[str] = field(default_factory=list)


def cut_pins(spec: SheaveSpec, threads: int = SHOP["pin_threads"]) -> tuple[str, float]:
    """Runs in a worker process: chase the thread on the bronze pin."""
    wear = 0.0
    for k in range(threads):  # ok: GIL001
        wear += math.sin(k * 0.001) ** 2 * spec.width_in
    return spec.mark, wear / threads


def count(kind: str) -> None:
    with tally_lock:
        tally[kind] = tally.get(kind, 0) + 1  # ok: GIL002


class Station(threading.Thread):
    """A workshop machine with its own thread; subclasses implement operate()."""

    def __init__(self, name: str, jobs: list[SheaveSpec], **settings) -> None:
        super().__init__(name=name)
        self.jobs = jobs
        self.settings = settings
        self.output: list[TurnedSheave] = []

    def run(self) -> None:
        started = time.perf_counter()
        self.operate()
        log.info("%s done in %.3fs", self.name, time.perf_counter() - started)

    def operate(self) -> None:
        log.debug("%s has %d jobs", self.name, len(self.jobs))


class Lathe(Station):
    def operate(self) -> None:
        super().operate()
        cuts = self.settings["cuts_per_sheave"]
        for spec in self.jobs:  # expect: GIL001
            radius = spec.diameter_in / 2
            worst = 0.0
            depth = 0.0
            for c in range(cuts):
                angle = (c % 360) * math.pi / 180.0
                chatter = 0.002 * math.sin(angle * 7) * (1.0 - c / cuts)
                r = radius + chatter
                worst = max(worst, abs(r - radius))
                if depth < spec.rope_in * 0.55:
                    depth += spec.rope_in / cuts
            self.output.append(TurnedSheave(spec.mark, worst, depth, passes=cuts))
            count("sheave")


def polish_batch(sheaves: list[TurnedSheave], points: int, decay: float = 0.999) -> None:
    """Timer callback: simulated polishing pass over the whole batch."""
    finish = sum(((i * 2654435761) % 1009) / 1009.0 * decay ** (i % 64) for i in range(points))  # expect: GIL001
    for s in sheaves:
        s.notes.append(f"polished, finish index {finish / points:.4f}")
    count("polish")


def job_list(prefix: str, n: int) -> list[SheaveSpec]:
    return [SheaveSpec(f"{prefix}{k}", 4.0 + k, 1.0 + 0.25 * k, 0.5 + 0.125 * k) for k in range(n)]


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(threadName)s %(message)s")
    start = time.perf_counter()
    pin_specs = job_list("P", 4)
    with ProcessPoolExecutor(max_workers=2) as procs:
        pins = dict(procs.map(cut_pins, pin_specs))
    t_pins = time.perf_counter() - start

    lathes = [Lathe(f"lathe-{i}", job_list(f"L{i}-", SHOP["sheaves_per_lathe"]),
                    cuts_per_sheave=SHOP["cuts_per_sheave"] * (i + 1))
              for i in range(SHOP["lathes"])]
    for lathe in lathes:
        lathe.start()
    first_batch = lathes[0].output
    polisher = threading.Timer(SHOP["polish_after_s"], polish_batch,
                               args=(first_batch,), kwargs={"points": SHOP["polish_points"]})
    polisher.start()
    for lathe in lathes:
        lathe.join()
    polisher.join()
    turned = [s for lathe in lathes for s in lathe.output]
    print(f"pins cut for {len(pins)} specs in {t_pins:.2f}s")
    print(f"turned {len(turned)} sheaves; worst roundness {max(s.roundness for s in turned):.4f} in")
    print(f"tally {dict(sorted(tally.items()))}; polished notes {sum(len(s.notes) for s in turned)}")
    print(f"total {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
