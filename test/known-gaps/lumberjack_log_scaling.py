"""Log scaling at the landing: board-foot volume of the day's decks.

The cruiser's hand tally is a small CSV file that a loader thread reads through a
generator pipeline; the machine-measured decks are scaled by the Doyle or
Scribner rule in a thread pool, and per-species totals are kept in a module-level
dictionary for the end-of-day report.
"""
from __future__ import annotations

import functools
import logging
import os
import random
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, Iterator, List, Tuple

log = logging.getLogger("lumberjack.scaling")

SPECIES = ("douglas-fir", "hemlock", "red-cedar", "spruce", "alder")
species_totals: Dict[str, float] = {}
_local = threading.local()


@dataclass(frozen=True)
class LogRecord:
    species: str
    small_end_in: float
    length_ft: int


def doyle(d: float, length: int) -> float:
    return (d - 4.0) ** 2 * length / 16.0


def scribner(d: float, length: int) -> float:
    return (0.79 * d * d - 2.0 * d - 4.0) * length / 16.0


RULES: Dict[str, Callable[[float, int], float]] = {"doyle": doyle, "scribner": scribner}


def read_tally(path: str) -> Iterator[str]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line


def parse_records(lines: Iterable[str]) -> Iterator[LogRecord]:
    for line in lines:
        species, diameter, length = line.split(",")
        yield LogRecord(species, float(diameter), int(length))


def synthetic_deck(count: int, seed: int) -> Iterator[LogRecord]:
    rng = random.Random(seed)
    for _ in range(count):
        yield LogRecord(rng.choice(SPECIES), round(rng.uniform(4.0, 30.0), 1),
                        rng.choice((16, 20, 24, 32, 40)))


def load_tally(path: str, sink: List[LogRecord]) -> None:
    """Loader thread: a few dozen hand-tallied logs from the cruiser's sheet."""
    for record in parse_records(read_tally(path)):  # ok: GIL001
        sink.append(record)
    log.info("hand tally loaded: %d logs", len(sink))


def scale_deck(deck: List[LogRecord], rule: str = "doyle", min_diameter: float = 6.0,
               segment_ft: int = 8, taper_in_per_ft: float = 0.125) -> Tuple[float, int]:
    scale = RULES[rule]
    _local.rejected = 0
    volume = 0.0
    for rec in deck:  # expect: GIL001
        if rec.small_end_in < min_diameter:
            _local.rejected += 1  # ok: GIL002
            continue
        segments = max(1, rec.length_ft // segment_ft)
        seg_len = rec.length_ft // segments
        board_feet = 0.0
        for seg in range(segments):
            board_feet += scale(rec.small_end_in + seg * seg_len * taper_in_per_ft, seg_len)
        volume += board_feet
        species_totals[rec.species] = species_totals.get(rec.species, 0.0) + board_feet  # expect: GIL002
    return volume, _local.rejected


def write_hand_tally(path: str, count: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("# species,small_end_in,length_ft\n")
        for rec in synthetic_deck(count, seed=99):
            fh.write(f"{rec.species},{rec.small_end_in},{rec.length_ft}\n")


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s: %(message)s")
    options = {"rule": "scribner", "min_diameter": 6.0}
    with tempfile.TemporaryDirectory(prefix="landing-") as tmp:
        tally_path = os.path.join(tmp, "hand_tally.csv")
        write_hand_tally(tally_path, 40)
        hand: List[LogRecord] = []
        loader = threading.Thread(target=load_tally, args=(tally_path, hand), name="loader")
        loader.start()
        decks = [list(synthetic_deck(60_000, seed=s)) for s in range(4)]
        loader.join()
    decks[0].extend(hand)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="scaler") as pool:
        results = list(pool.map(functools.partial(scale_deck, **options), decks))
    elapsed = time.perf_counter() - started

    total_volume = sum(v for v, _ in results)
    rejected = sum(r for _, r in results)
    by_species = sum(species_totals.values())
    print(f"decks scaled = {len(results)}, logs = {sum(len(d) for d in decks)}, rejected = {rejected}")
    print(f"total volume = {total_volume:,.0f} bf; species sum = {by_species:,.0f} bf "
          f"(lost {total_volume - by_species:,.0f} bf)")
    for species in SPECIES:
        print(f"  {species:12s} {species_totals.get(species, 0.0):12,.0f} bf")
    print(f"scaled in {elapsed:.2f}s")


if __name__ == "__main__":
    main()
