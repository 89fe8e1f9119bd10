"""Seed catalogue service of a herbalist's shop, built on asyncio.

Seed packets arrive in batches; each batch is filed into the index from the loop's default
executor.  Questions from the shop counter are answered on the event loop with a small
memo, and the catalogue is exported to a temporary file from an executor thread at closing.
"""
import asyncio
import json
import logging
import os
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from typing import Dict, Iterator, List

log = logging.getLogger("herbalist.seeds")

CONFIG = {"batches": 6, "per_batch": 24, "file_s": 0.0003, "throttle_s": 0.004}
GENERA = ["Salvia", "Mentha", "Thymus", "Calendula", "Achillea", "Melissa", "Hyssopus"]


@dataclass(frozen=True)
class Seed:
    code: str
    genus: str
    species: str
    germination_days: int


def make_batches(count: int, per_batch: int) -> Iterator[List[Seed]]:
    serial = 0
    for b in range(count):
        batch = []
        for i in range(per_batch):
            genus = GENERA[(b * 5 + i) % len(GENERA)]
            batch.append(Seed(f"S{serial:04d}", genus, f"sp{i % 4}", 7 + (serial % 15)))
            serial += 1
        yield batch


class SeedIndex:
    """Seeds by genus.  Filing happens in executor threads, reads on the event loop."""

    def __init__(self, **options) -> None:
        self._by_genus: Dict[str, List[Seed]] = {}
        self._lock = threading.Lock()
        self.file_delay = options.get("file_s", 0.0)

    def add_batch(self, batch: List[Seed]) -> int:
        for seed in batch:  # ok: GIL001
            self.add(seed)
            time.sleep(self.file_delay)  # the packet goes into the card drawer
        return len(batch)

    def add(self, seed: Seed) -> None:
        if seed.genus not in self._by_genus:  # expect: GIL003
            self._by_genus[seed.genus] = []
        self._by_genus[seed.genus].append(seed)

    def lookup(self, genus: str) -> List[Seed]:
        with self._lock:
            return list(self._by_genus.get(genus, ()))

    @property
    def size(self) -> int:
        with self._lock:
            return sum(len(v) for v in self._by_genus.values())

    def export(self, path: str) -> int:
        self._lock.acquire()  # expect: GIL005
        if not self._by_genus:
            return 0
        rows = [asdict(s) for seeds in self._by_genus.values() for s in seeds]
        with open(path, "w") as fh:
            json.dump(rows, fh)
        self._lock.release()
        return len(rows)


def _throttle(seconds: float) -> None:
    """Crude rate limit for the ticket printer at the counter."""
    time.sleep(seconds)  # expect: GIL004


class CounterDesk:
    def __init__(self, index: SeedIndex) -> None:
        self.index = index
        self.memo: Dict[str, int] = {}
        self.tickets: List[str] = []

    async def answer(self, genus: str) -> int:
        if genus not in self.memo:  # ok: GIL003
            self.memo[genus] = len(self.index.lookup(genus))
        await asyncio.sleep(0)
        return self.memo[genus]

    async def print_ticket(self, genus: str, count: int) -> str:
        _throttle(CONFIG["throttle_s"])
        ticket = f"{genus}: {count} packets"
        self.tickets.append(ticket)
        return ticket


async def closing_time(index: SeedIndex, path: str) -> int:
    loop = asyncio.get_running_loop()
    exported = await loop.run_in_executor(None, index.export, path)
    log.info("exported %d rows to %s", exported, path)
    return exported


async def run_shop(export_path: str) -> None:
    loop = asyncio.get_running_loop()
    index = SeedIndex(**CONFIG)
    batches = list(make_batches(CONFIG["batches"], CONFIG["per_batch"]))
    filed = await asyncio.gather(*(loop.run_in_executor(None, index.add_batch, b) for b in batches))
    desk = CounterDesk(index)
    for genus in GENERA[:4] + GENERA[:2]:
        count = await desk.answer(genus)
        await desk.print_ticket(genus, count)
    exported = await closing_time(index, export_path)
    print(f"indexed = {index.size} (expected {sum(filed)})")
    print(f"exported = {exported}; memo = {desk.memo}")
    print("tickets: " + "; ".join(desk.tickets))


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="seeds-") as folder:
        path = os.path.join(folder, "catalogue.json")
        asyncio.run(run_shop(path))
        print(f"catalogue file: {os.path.getsize(path)} bytes")
    print(f"wall {time.perf_counter() - start:.3f}s")


if __name__ == "__main__":
    main()
