"""Tallow rendering house.

Each lot of suet is trimmed, melted and strained through a chain of generators.
A renderer thread per lot drains the chain; totals go to a module-level counter
and to a shared progress board.
"""
from __future__ import annotations

import logging
import math
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Iterable, Iterator

log = logging.getLogger("tallow.render")

RENDERED_KG = 0.0

PLANT = {
    "kettle_temp_c": 118.0,
    "chunks_per_lot": 60_000,
    "trim_loss": 0.07,
    "strain_mesh": 0.93,
}


@dataclass
class SuetLot:
    lot_id: str
    seed: int
    chunk_count: int

    def chunks(self) -> Iterator[float]:
        rng = random.Random(self.seed)
        for _ in range(self.chunk_count):
            yield rng.uniform(0.02, 0.4)


@dataclass
class ProgressBoard:
    lots_done: int = 0
    kg_by_lot: dict = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def snapshot(self) -> dict:
        with self.lock:
            return dict(self.kg_by_lot)


def trimmed(chunks: Iterable[float], loss: float) -> Iterator[float]:
    for kg in chunks:
        if kg > 0.03:
            yield kg * (1.0 - loss)


def melted(chunks: Iterable[float], temp_c: float) -> Iterator[float]:
    efficiency = 1.0 - math.exp(-temp_c / 60.0)
    for kg in chunks:
        yield kg * efficiency + math.sin(kg) * 0.001


def strained(liquor: Iterable[float], mesh: float) -> Iterator[float]:
    for kg in liquor:
        yield round(kg * mesh, 6)


class Renderer:
    """Owns the renderer threads; the per-lot routine is kept in an attribute."""

    def __init__(self, plant: dict, board: ProgressBoard):
        self.plant = plant
        self.board = board
        self._target = self._render_lot
        self._threads: list[threading.Thread] = []

    def _build_chain(self, lot: SuetLot) -> Iterator[float]:
        stage = trimmed(lot.chunks(), self.plant["trim_loss"])
        stage = melted(stage, self.plant["kettle_temp_c"])
        return strained(stage, self.plant["strain_mesh"])

    def _drain(self, chain: Iterator[float]) -> float:
        total = 0.0
        for portion in chain:  # expect: GIL001
            total += portion
        return total

    def _render_lot(self, lot: SuetLot) -> None:
        global RENDERED_KG
        kg = self._drain(self._build_chain(lot))
        RENDERED_KG += kg  # expect: GIL002
        with self.board.lock:
            self.board.lots_done += 1  # ok: GIL002
            self.board.kg_by_lot[lot.lot_id] = round(kg, 3)
        log.info("lot %s rendered %.1f kg", lot.lot_id, kg)

    def start(self, lots: list[SuetLot]) -> None:
        for lot in lots:
            t = threading.Thread(target=self._target, args=(lot,), name=f"render-{lot.lot_id}")
            self._threads.append(t)
            t.start()

    def wait(self, timeout: float | None = None) -> None:
        for t in self._threads:
            t.join(timeout)


class KettleWatch(threading.Thread):
    """Reads the kettle thermometer a few times while rendering runs."""

    def __init__(self, board: ProgressBoard, readings: int = 5, every: float = 0.01):
        super().__init__(name="kettle-watch", daemon=True)
        self.board = board
        self.readings = readings
        self.every = every
        self.samples: list[int] = []

    def run(self) -> None:
        for _ in range(self.readings):  # ok: GIL001
            self.samples.append(len(self.board.snapshot()))
            time.sleep(self.every)


def intake(count: int, chunk_count: int) -> list[SuetLot]:
    return [SuetLot(lot_id=f"S{n:02d}", seed=1000 + n, chunk_count=chunk_count) for n in range(count)]


def main() -> None:
    board = ProgressBoard()
    renderer = Renderer(PLANT, board)
    watch = KettleWatch(board)
    started = time.perf_counter()
    watch.start()
    renderer.start(intake(3, PLANT["chunks_per_lot"]))
    renderer.wait()
    watch.join(1.0)
    elapsed = time.perf_counter() - started
    print(f"lots={board.lots_done} rendered={RENDERED_KG:.1f} kg "
          f"per_lot={board.snapshot()} watch_samples={len(watch.samples)} elapsed={elapsed:.2f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    main()
