"""Enameller's kiln room: worker threads fire pieces from a queue and emit events.

Thread targets are bound methods stored on the worker object and started by a
dispatcher several calls away.  Listeners registered with a decorator-based
callback registry run on whichever kiln thread emitted the event.
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable

log = logging.getLogger("enameller.kiln")

KILN_CONFIG = {
    "workers": 3,
    "fire_seconds": 0.004,
    "pieces": 30,
    "craze_every": 7,
}


class CallbackRegistry:
    def __init__(self) -> None:
        self._callbacks: dict[str, list[Callable[..., None]]] = defaultdict(list)

    def on(self, event: str):
        def decorator(fn):
            self._callbacks[event].append(fn)
            return fn

        return decorator

    def emit(self, event: str, **payload) -> None:
        for callback in list(self._callbacks[event]):
            callback(**payload)


registry = CallbackRegistry()
colour_counts: Counter[str] = Counter()
per_worker = threading.local()
stats_lock = threading.RLock()
stats = {"pieces": 0, "crazed": 0}


@dataclass(frozen=True)
class Piece:
    serial: int
    colour: str
    layers: int = 2

    @property
    def label(self) -> str:
        return f"#{self.serial:03d}-{self.colour}"


@registry.on("fired")
def tally_colour(colour: str, **_ignored) -> None:
    colour_counts[colour] += 1  # expect: GIL002


@registry.on("fired")
def tally_for_this_kiln(colour: str, **_ignored) -> None:
    per_worker.fired = getattr(per_worker, "fired", 0) + 1  # ok: GIL002


@registry.on("crazed")
def note_crazed(piece: Piece, **_ignored) -> None:
    log.warning("crazing on %s", piece.label)
    with stats_lock:
        stats["crazed"] += 1  # ok: GIL002


@dataclass
class KilnWorker:
    name: str
    jobs: "queue.Queue[Piece | None]"
    events: CallbackRegistry
    fire_seconds: float
    fired: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.target = self._work_loop

    def _work_loop(self) -> None:
        per_worker.fired = 0
        while True:  # ok: GIL001
            piece = self.jobs.get()
            if piece is None:
                self.jobs.task_done()
                break
            time.sleep(self.fire_seconds * piece.layers)
            self.fired.append(piece.label)
            self.events.emit("fired", colour=piece.colour, piece=piece)
            if piece.serial % KILN_CONFIG["craze_every"] == 0:
                self.events.emit("crazed", piece=piece)
            self.jobs.task_done()
        with stats_lock:
            stats["pieces"] += per_worker.fired


class Dispatcher:
    def __init__(self, factory: Callable[..., KilnWorker], **worker_kwargs) -> None:
        self._factory = factory
        self._worker_kwargs = worker_kwargs
        self.workers: list[KilnWorker] = []
        self.threads: list[threading.Thread] = []

    def _spawn(self, worker: KilnWorker) -> threading.Thread:
        thread = threading.Thread(target=worker.target, name=worker.name, daemon=True)
        thread.start()
        return thread

    def start(self, count: int) -> None:
        for i in range(count):
            worker = self._factory(name=f"kiln-{i}", **self._worker_kwargs)
            self.workers.append(worker)
            self.threads.append(self._spawn(worker))

    def stop(self) -> None:
        jobs = self._worker_kwargs["jobs"]
        for _ in self.workers:
            jobs.put(None)
        for thread in self.threads:
            thread.join()


def make_pieces(count: int) -> list[Piece]:
    palette = ["cobalt", "opal-white", "ruby", "jade", "amber"]
    return [Piece(i, palette[i % len(palette)], layers=1 + i % 2) for i in range(1, count + 1)]


def main() -> None:
    logging.basicConfig(level=logging.ERROR, format="%(threadName)s: %(message)s")
    jobs: "queue.Queue[Piece | None]" = queue.Queue()
    dispatcher = Dispatcher(KilnWorker, jobs=jobs, events=registry,
                            fire_seconds=KILN_CONFIG["fire_seconds"])
    started = time.perf_counter()
    dispatcher.start(KILN_CONFIG["workers"])
    for piece in make_pieces(KILN_CONFIG["pieces"]):
        jobs.put(piece)
    jobs.join()
    dispatcher.stop()
    elapsed = time.perf_counter() - started

    print(f"fired {sum(colour_counts.values())} pieces in {elapsed:.2f}s")
    for colour, count in sorted(colour_counts.items()):
        print(f"  {colour:10s} {count}")
    print(f"per-worker total {stats['pieces']}, crazed {stats['crazed']}")
    print("busiest kiln:", max(dispatcher.workers, key=lambda w: len(w.fired)).name)


if __name__ == "__main__":
    main()
