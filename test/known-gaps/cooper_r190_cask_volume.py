"""Cooper: an asyncio gauging office that certifies the content of new casks.

For each cask the office dips the bung (a short wait), integrates the bilged stave
profile slice by slice in the default thread pool (pure Python) and writes the
certificate. The gauge readings come from the cooperage's list of finished casks.
"""
from __future__ import annotations

import asyncio
import logging
import math
import threading
import time
from dataclasses import dataclass, field
from typing import Dict, List

log = logging.getLogger("cooper.gauge")

GAUGING = {"slices": 240_000, "dip_seconds": 0.002, "cert_seconds": 0.001}


@dataclass(frozen=True)
class Cask:
    mark: str
    head_diameter_cm: float
    bung_diameter_cm: float
    length_cm: float

    def radius_at(self, z: float) -> float:
        """Parabolic bilge: widest at the bung, narrowest at the heads."""
        half = self.length_cm / 2.0
        t = (z - half) / half
        head_r, bung_r = self.head_diameter_cm / 2.0, self.bung_diameter_cm / 2.0
        return bung_r - (bung_r - head_r) * t * t


@dataclass
class Certificate:
    mark: str
    litres: float
    issued_at: float = field(default_factory=time.time)


class Gauger:
    """Shared by every executor thread that integrates a cask."""

    def __init__(self, slices: int) -> None:
        self.slices = slices
        self.total_slices = 0
        self.registered = 0
        self.book: Dict[str, Cask] = {}

    def register(self, cask: Cask) -> None:
        self.book[cask.mark] = cask
        self.registered += 1  # ok: GIL002

    def volume_litres(self, mark: str) -> float:
        cask = self.book[mark]
        h = cask.length_cm / self.slices
        volume = 0.0
        for i in range(self.slices):  # expect: GIL001
            r = cask.radius_at((i + 0.5) * h)
            volume += math.pi * r * r * h
        self.total_slices += self.slices  # expect: GIL002
        return volume / 1000.0


class GaugingOffice:
    def __init__(self, gauger: Gauger, **settings) -> None:
        self.gauger = gauger
        self.settings = dict(GAUGING, **settings)
        self.gauged = 0
        self.certificates: List[Certificate] = []

    async def gauge(self, mark: str) -> Certificate:
        loop = asyncio.get_running_loop()
        time.sleep(self.settings["dip_seconds"])  # expect: GIL004
        litres = await loop.run_in_executor(None, self.gauger.volume_litres, mark)
        await asyncio.wait_for(asyncio.to_thread(time.sleep, self.settings["cert_seconds"]), 2)  # ok: GIL004
        self.gauged += 1  # ok: GIL002
        cert = Certificate(mark, round(litres, 2))
        self.certificates.append(cert)
        await asyncio.sleep(0)  # ok: GIL004
        return cert

    async def gauge_all(self, marks: List[str], concurrency: int = 2) -> List[Certificate]:
        queue: asyncio.Queue = asyncio.Queue()
        for mark in marks:
            queue.put_nowait(mark)
        results: List[Certificate] = []

        async def clerk() -> None:
            while not queue.empty():  # ok: GIL003
                mark = queue.get_nowait()
                results.append(await self.gauge(mark))

        await asyncio.gather(*(clerk() for _ in range(concurrency)))
        return sorted(results, key=lambda c: c.mark)


def finished_casks() -> List[Cask]:
    return [
        Cask("BAR-225", 56.0, 68.0, 95.0),
        Cask("HOG-300", 62.0, 74.0, 102.0),
        Cask("PUN-500", 74.0, 88.0, 114.0),
        Cask("KIL-41", 33.0, 40.0, 50.0),
    ]


def closed_form_litres(c: Cask) -> float:
    a, b, L = c.head_diameter_cm / 2.0, c.bung_diameter_cm / 2.0, c.length_cm
    d = b - a
    return math.pi * L * (b * b - 2.0 * b * d / 3.0 + d * d / 5.0) / 1000.0


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    gauger = Gauger(GAUGING["slices"])
    casks = finished_casks()
    for cask in casks:
        gauger.register(cask)
    office = GaugingOffice(gauger, dip_seconds=0.002)
    start = time.perf_counter()
    certs = asyncio.run(office.gauge_all([c.mark for c in casks], concurrency=2))
    elapsed = time.perf_counter() - start
    for cert, cask in zip(certs, sorted(casks, key=lambda c: c.mark)):
        print(f"{cert.mark}: {cert.litres:8.2f} L (closed form {closed_form_litres(cask):8.2f} L)")
    print(f"gauged = {office.gauged}, slices = {gauger.total_slices} "
          f"(expected {len(casks) * GAUGING['slices']}), registered = {gauger.registered}")
    print(f"threads alive at exit = {threading.active_count()}")
    print(f"elapsed {elapsed:.2f}s")


if __name__ == "__main__":
    main()
