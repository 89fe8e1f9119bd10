"""Quarterly gas-meter billing.

A reader thread streams the meter book (a CSV file) through a generator
pipeline - parse, price with per-district tariff closures, batch - into a
queue; two billing clerks (threads) post the batches to the account totals.
Meanwhile the auditor checks the meter serial register in a thread pool.
"""
from __future__ import annotations

import contextlib
import logging
import os
import queue
import random
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

log = logging.getLogger("gasworks.meter")

BOOK = {"accounts": 40, "readings": 400, "batch": 25, "clerks": 2, "serials": 300_000}
TARIFFS = {
    "north": {"standing": 1.5, "per_therm": 0.031},
    "south": {"standing": 1.2, "per_therm": 0.034, "discount_over": 120.0},
}
SENTINEL = None

_scratch = threading.local()


@dataclass(frozen=True)
class MeterRecord:
    account: str
    district: str
    units: float


def make_tariff(standing: float, per_therm: float, discount_over: float | None = None) -> Callable[[float], float]:
    def tariff(units: float) -> float:
        cost = standing + units * per_therm
        if discount_over is not None and units > discount_over:
            cost *= 0.95
        return round(cost, 2)

    return tariff


def read_meter_book(path: str) -> Iterator[MeterRecord]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            account, district, units = line.rstrip("\n").split(",")
            yield MeterRecord(account, district, float(units))


def priced(records: Iterable[MeterRecord], tariffs: dict) -> Iterator[tuple[MeterRecord, float]]:
    for record in records:
        yield record, tariffs[record.district](record.units)


def batched(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Ledger:
    def __init__(self) -> None:
        self.totals: defaultdict[str, float] = defaultdict(float)
        self.posted: list[str] = []
        self._lock = threading.Lock()

    def post(self, batch: list[tuple[MeterRecord, float]]) -> None:
        for record, cost in batch:
            self.totals[record.account] += cost  # expect: GIL002
        with contextlib.ExitStack() as stack:
            self._lock.acquire()  # ok: GIL005
            stack.callback(self._lock.release)
            self.posted.extend(record.account for record, _ in batch)


def reader(path: str, out: queue.Queue, tariffs: dict, size: int, clerks: int) -> None:
    for batch in batched(priced(read_meter_book(path), tariffs), size):  # ok: GIL001
        out.put(batch)
    for _ in range(clerks):
        out.put(SENTINEL)


def clerk(inbox: queue.Queue, ledger: Ledger) -> None:
    _scratch.records = 0
    for batch in iter(inbox.get, SENTINEL):
        ledger.post(batch)
        _scratch.records += len(batch)  # ok: GIL002
    log.info("%s posted %d records", threading.current_thread().name, _scratch.records)


class SerialAuditor:
    def __init__(self, modulus: int = 1_000_003) -> None:
        self.modulus = modulus
        self.digest: int | None = None

    def verify(self, serials: range) -> int:
        digests = [((s * 2654435761) ^ (s >> 13)) % self.modulus for s in serials]  # expect: GIL001
        self.digest = sum(digests) % self.modulus
        return self.digest


def write_book(path: str, accounts: int, readings: int, seed: int = 5) -> float:
    rng = random.Random(seed)
    tariffs = {d: make_tariff(**cfg) for d, cfg in TARIFFS.items()}
    expected = 0.0
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(readings):
            district = "north" if i % 3 else "south"
            units = round(rng.uniform(40, 200), 1)
            expected += tariffs[district](units)
            fh.write(f"acct-{i % accounts:03d},{district},{units}\n")
    return round(expected, 2)


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    tariffs = {district: make_tariff(**cfg) for district, cfg in TARIFFS.items()}
    ledger = Ledger()
    inbox: queue.Queue = queue.Queue(maxsize=8)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "meter_book.csv")
        expected = write_book(path, BOOK["accounts"], BOOK["readings"])
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="auditor") as pool:
            auditor = SerialAuditor()
            audit = pool.submit(auditor.verify, range(BOOK["serials"]))
            workers = [threading.Thread(target=clerk, args=(inbox, ledger), name=f"clerk-{i}")
                       for i in range(BOOK["clerks"])]
            workers.append(threading.Thread(
                target=reader, args=(path, inbox, tariffs, BOOK["batch"], BOOK["clerks"]),
                name="reader"))
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
            digest = audit.result()
    billed = round(sum(ledger.totals.values()), 2)
    print(f"billed = {billed:.2f} (expected {expected:.2f})")
    print(f"records posted = {len(ledger.posted)} (expected {BOOK['readings']})")
    print(f"serial register digest {digest}")
    print(f"quarter closed in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
