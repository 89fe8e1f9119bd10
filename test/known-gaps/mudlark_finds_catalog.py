"""Mudlarks working the Thames foreshore at low tide, and the catalogue of what they find.

Each mudlark thread probes its stretch of mud, appraises what turns up, and files the finds
in the shared Catalog. A sorter thread writes one record per find into the day's box folder.
Threads are launched through the Expedition helper, which forwards targets and kwargs.
"""
from __future__ import annotations

import logging
import os
import queue
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

log = logging.getLogger("mudlark.catalog")

TIDE = {"stretches": ["Queenhithe", "Bankside", "Wapping Old Stairs"], "probes": 200_000}
KINDS = ["clay pipe", "button", "trade token", "pin", "musket ball", "coin", "bead", "nail"]


@dataclass(frozen=True)
class Find:
    stretch: str
    kind: str
    depth_cm: int
    grade: int

    @property
    def key(self) -> str:
        return f"{self.kind}/{self.grade}"


@dataclass
class Catalog:
    index: Dict[str, Find] = field(default_factory=dict)
    order: List[str] = field(default_factory=list)
    count: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


class Expedition:
    """Starts every worker of the day's low tide and keeps hold of them."""

    def __init__(self) -> None:
        self._threads: List[threading.Thread] = []

    def _spawn(self, target: Callable[..., None], kwargs: dict, name: str) -> threading.Thread:
        t = threading.Thread(target=target, kwargs=kwargs, name=name)
        self._threads.append(t)
        t.start()
        return t

    def launch(self, handler: Callable[..., None], name: str, **kwargs) -> threading.Thread:
        log.debug("launching %s", name)
        return self._spawn(handler, kwargs, name)

    def join_all(self, timeout: Optional[float] = None) -> None:
        for t in self._threads:
            t.join(timeout)


def appraise_stretch(stretch: str, probes: int) -> List[Find]:
    """Probe the mud every few centimetres; most probes find nothing worth keeping."""
    finds: List[Find] = []
    seed = sum(map(ord, stretch))
    for probe in range(probes):  # expect: GIL001
        seed = (seed * 48271) % 2147483647
        depth = seed % 60
        patina = (seed >> 7) % 1000
        if patina > 997 and depth > 40:
            grade = 1 + (patina * depth) % 5
            finds.append(Find(stretch, KINDS[seed % len(KINDS)], depth, grade))
    return finds


def file_finds(catalog: Catalog, finds: List[Find], sorter_q: "queue.Queue[Optional[Find]]") -> int:
    new = 0
    for find in finds:
        if find.key not in catalog.index:  # expect: GIL003
            catalog.index[find.key] = find
            catalog.order.append(find.key)
            new += 1
        with catalog.lock:
            catalog.count += 1  # ok: GIL002
        sorter_q.put(find)
    return new


def mudlark_round(catalog: Catalog, stretch: str, probes: int, sorter_q, results: Dict[str, int]) -> None:
    t0 = time.perf_counter()
    finds = appraise_stretch(stretch, probes)
    new = file_finds(catalog, finds, sorter_q)
    results[stretch] = new
    log.info("%s: %d finds, %d new kinds (%.3fs)", stretch, len(finds), new, time.perf_counter() - t0)


def sorter(box_dir: str, sorter_q: "queue.Queue[Optional[Find]]", written: List[str]) -> None:
    """Write one small record file per find into the day's box folder."""
    for find in iter(sorter_q.get, None):  # ok: GIL001
        path = os.path.join(box_dir, f"{len(written):04d}-{find.kind.replace(' ', '_')}.txt")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(f"{find.stretch}\t{find.kind}\t{find.depth_cm}cm\tgrade {find.grade}\n")
        written.append(path)


def low_tide(cfg: dict, box_dir: str) -> Dict[str, object]:
    catalog = Catalog()
    sorter_q: "queue.Queue[Optional[Find]]" = queue.Queue()
    written: List[str] = []
    results: Dict[str, int] = {}
    expedition = Expedition()
    box = expedition.launch(sorter, "sorter", box_dir=box_dir, sorter_q=sorter_q, written=written)
    larks = [
        expedition.launch(mudlark_round, f"lark-{s}", catalog=catalog, stretch=s,
                          probes=cfg["probes"], sorter_q=sorter_q, results=results)
        for s in cfg["stretches"]
    ]
    for t in larks:
        t.join()
    sorter_q.put(None)
    box.join()
    return {"kinds": len(catalog.index), "count": catalog.count, "files": len(written), "new": results}


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    with tempfile.TemporaryDirectory(prefix="mudlark-") as box_dir:
        t0 = time.perf_counter()
        summary = low_tide(TIDE, box_dir)
        on_disk = len(os.listdir(box_dir))
    print(f"catalogue: {summary['kinds']} kinds, {summary['count']} finds, {on_disk} records on disk")
    print(f"new kinds per stretch: {summary['new']}; wall {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
