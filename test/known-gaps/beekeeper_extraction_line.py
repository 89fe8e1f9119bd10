"""Honey extraction line in the honey house.

Supers come off the hives, frames are uncapped (a generator pipeline in the feeder thread),
spun in the extractor and the honey run through two strainers into jars. The stages are
threads joined by queues; which functions run as stages is set in the STAGES table.
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

log = logging.getLogger("beekeeper.extraction")

JAR_KG = 0.454
SENTINEL = None


@dataclass(frozen=True)
class Frame:
    hive: str
    super_no: int
    slot: int
    capped_kg: float


@dataclass(frozen=True)
class Honey:
    hive: str
    kg: float
    moisture: float


def frames_from(supers: Iterable[tuple[str, int]], slots: int = 10) -> Iterator[Frame]:
    for hive, super_no in supers:
        for slot in range(slots):
            yield Frame(hive, super_no, slot, 1.6 + ((super_no * 3 + slot) % 5) * 0.1)


def uncapped(frames: Iterable[Frame], knife_s: float = 0.0005) -> Iterator[Frame]:
    for frame in frames:
        time.sleep(knife_s)  # hot knife across both faces
        yield frame


def make_jar_filler(jar_kg: float) -> tuple[Callable[[float], int], Callable[[], int]]:
    jars = 0

    def jars_for(kg: float) -> int:
        return int(kg // jar_kg)

    def fill(kg: float) -> int:
        nonlocal jars
        jars += jars_for(kg)  # expect: GIL002
        return jars

    def filled() -> int:
        return jars

    return fill, filled


def make_tally() -> Callable[[], int]:
    seen = 0

    def tick() -> int:
        nonlocal seen
        seen += 1  # ok: GIL002
        return seen

    return tick


def feeder(outbox: queue.Queue, *, supers, spinners: int) -> None:
    for frame in uncapped(frames_from(supers)):  # ok: GIL001
        outbox.put(frame)
    for _ in range(spinners):
        outbox.put(SENTINEL)


def spinner(inbox: queue.Queue, outbox: queue.Queue, *, spin_s: float, strainers: int) -> None:
    batch: list[Frame] = []
    while True:  # ok: GIL001
        frame = inbox.get()
        if frame is SENTINEL:  # ok: GIL003
            break
        batch.append(frame)
        if len(batch) == 4:
            time.sleep(spin_s)
            for f in batch:
                outbox.put(Honey(f.hive, f.capped_kg * 0.92, 17.2 + f.slot * 0.15))
            batch.clear()
    for f in batch:
        outbox.put(Honey(f.hive, f.capped_kg * 0.92, 17.2 + f.slot * 0.15))
    for _ in range(strainers):
        outbox.put(SENTINEL)


def strainer(inbox: queue.Queue, *, fill: Callable[[float], int], rejects: list, mesh_s: float) -> None:
    tick = make_tally()
    while True:
        honey = inbox.get()
        if honey is SENTINEL:
            break
        time.sleep(mesh_s)
        if honey.moisture > 18.4:
            rejects.append(honey)
            continue
        fill(honey.kg)
        tick()
    log.info("%s strained %d lots", threading.current_thread().name, tick() - 1)


STAGES = [
    {"name": "feeder", "target": feeder, "count": 1, "in": None, "out": "spin"},
    {"name": "spinner", "target": spinner, "count": 1, "in": "spin", "out": "strain"},
    {"name": "strainer", "target": strainer, "count": 2, "in": "strain", "out": None},
]


def build_line(stages: list[dict], **stage_kwargs) -> list[threading.Thread]:
    queues = {"spin": queue.Queue(), "strain": queue.Queue(maxsize=8)}
    threads = []
    for stage in stages:
        for n in range(stage["count"]):
            args = tuple(queues[k] for k in (stage["in"], stage["out"]) if k)
            kwargs = stage_kwargs.get(stage["name"], {})
            threads.append(threading.Thread(target=stage["target"], args=args, kwargs=kwargs,
                                            name=f"{stage['name']}-{n}"))
    return threads


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    start = time.perf_counter()
    fill, filled = make_jar_filler(JAR_KG)
    rejects: list[Honey] = []
    supers = [(hive, s) for hive in ("Heather-1", "Lime-2", "Borage-3") for s in range(2)]
    threads = build_line(
        STAGES,
        feeder={"supers": supers, "spinners": 1},
        spinner={"spin_s": 0.004, "strainers": 2},
        strainer={"fill": fill, "rejects": rejects, "mesh_s": 0.001},
    )
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"frames: {len(supers) * 10}, jars filled: {filled()}, lots rejected (wet): {len(rejects)}")
    print(f"wall: {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
