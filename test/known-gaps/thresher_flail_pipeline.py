"""Threshing floor: two feeder lines push sheaves through a flail/winnow generator pipeline; a bagger fills sacks."""
from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass
from typing import Iterable, Iterator

log = logging.getLogger("thresher.flail")

FLOOR = {
    "lines": 2,
    "sheaves_per_line": 30_000,
    "chaff_bale_kg": 40.0,
    "sack_kg": 50.0,
    "bag_seconds": 0.004,
}


@dataclass(frozen=True)
class Sheaf:
    ident: int
    straw_g: int
    ears: int


@dataclass(frozen=True)
class Threshed:
    ident: int
    grain_g: float
    chaff_g: float


def sheaves(count: int, seed: int) -> Iterator[Sheaf]:
    state = seed
    for i in range(count):
        state = (state * 48_271) % 2_147_483_647
        yield Sheaf(i, straw_g=600 + state % 400, ears=20 + state % 15)


def flail(stream: Iterable[Sheaf], strokes: int = 3) -> Iterator[Threshed]:
    for sheaf in stream:
        grain = sheaf.ears * 1.6
        loss = grain * 0.02 * strokes
        yield Threshed(sheaf.ident, grain_g=grain - loss, chaff_g=sheaf.straw_g * 0.12 + loss)


def winnow(stream: Iterable[Threshed], wind: float = 0.85) -> Iterator[Threshed]:
    for t in stream:
        blown = t.chaff_g * wind
        yield Threshed(t.ident, t.grain_g, t.chaff_g - blown)


class Thresher:
    """Shared by every feeder line; the bagger thread consumes what they produce."""

    def __init__(self, bale_kg: float, sacks: "queue.Queue[float | None]"):
        self.cond = threading.Condition()
        self.chaff_kg = 0.0
        self.bales = 0
        self.sheaves_seen = 0
        self.grain_kg = 0.0
        self._bale_kg = bale_kg
        self._sacks = sacks

    def _bale_chaff(self, kg: float) -> None:
        with self.cond:
            self.chaff_kg += kg  # ok: GIL002
            if self.chaff_kg >= self._bale_kg:  # ok: GIL003
                self.bales += int(self.chaff_kg // self._bale_kg)
                self.chaff_kg %= self._bale_kg
            self.cond.notify_all()

    def run_line(self, count: int, seed: int) -> None:
        pipeline = winnow(flail(sheaves(count, seed)))
        grain_g = sum(t.grain_g for t in pipeline if t.grain_g > 0)  # expect: GIL001
        self._bale_chaff(count * 0.012)
        self.sheaves_seen += count  # expect: GIL002
        with self.cond:
            self.grain_kg += grain_g / 1000
        self._sacks.put(grain_g / 1000)


class Bagger(threading.Thread):
    def __init__(self, sacks: "queue.Queue[float | None]", sack_kg: float, seconds: float, **kwargs):
        super().__init__(name="bagger", **kwargs)
        self.sacks = sacks
        self.sack_kg = sack_kg
        self.seconds = seconds
        self.filled: list[int] = []

    def run(self) -> None:
        while True:  # ok: GIL001
            kg = self.sacks.get()
            if kg is None:
                break
            n = int(kg // self.sack_kg)
            for _ in range(min(n, 5)):
                time.sleep(self.seconds)  # tie and stack the sack
            self.filled.append(n)


def launch_lines(thresher: Thresher, cfg: dict) -> list[threading.Thread]:
    lines = []
    for i in range(cfg["lines"]):
        t = threading.Thread(target=thresher.run_line, name=f"line-{i}",
                             kwargs={"count": cfg["sheaves_per_line"], "seed": 97 + i})
        t.start()
        lines.append(t)
    return lines


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    sacks: "queue.Queue[float | None]" = queue.Queue()
    thresher = Thresher(FLOOR["chaff_bale_kg"], sacks)
    bagger = Bagger(sacks, FLOOR["sack_kg"], FLOOR["bag_seconds"], daemon=True)
    bagger.start()
    started = time.perf_counter()
    lines = launch_lines(thresher, FLOOR)
    for t in lines:
        t.join()
    sacks.put(None)
    bagger.join()
    print(f"threshed {thresher.sheaves_seen} sheaves in {time.perf_counter() - started:.2f}s")
    print(f"grain {thresher.grain_kg:.1f} kg, sacks {sum(bagger.filled)}, "
          f"chaff bales {thresher.bales} (+{thresher.chaff_kg:.1f} kg loose)")


if __name__ == "__main__":
    main()
