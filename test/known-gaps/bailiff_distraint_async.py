"""Distraint for rent: load warrants, seize goods, appraise them for the auction.

An asyncio program walks the warrants issued by the steward (JSON files served as file://
URLs in a temporary directory), seizes the listed goods and has them appraised in worker
threads. The appraisal roll is written under a lock that is taken with a timeout.
"""
from __future__ import annotations

import asyncio
import json
import logging
import pathlib
import random
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field

log = logging.getLogger("bailiff.distraint")

DISTRAINT_CONFIG = {
    "tenants": {
        "Mill Cottage": ["settle", "dresser", "copper kettle", "clock"],
        "Smithy": ["anvil", "bellows", "tongs", "cart"],
        "Lodge": ["bedstead", "chest", "looking glass"],
    },
    "bid_rounds": 100000,
    "gap_s": 0.001,
}

ROLL_LOCK = threading.Lock()
APPRAISAL_ROLL: list[tuple[str, str, float]] = []


@dataclass
class Warrant:
    tenant: str
    goods: list[str]
    arrears: float


@dataclass
class DistraintBook:
    warrants: list[Warrant] = field(default_factory=list)
    seized: int = 0
    valued: dict[str, float] = field(default_factory=dict)


def write_warrants(directory: pathlib.Path, tenants: dict) -> list[str]:
    uris = []
    for i, (tenant, goods) in enumerate(sorted(tenants.items())):
        path = directory / f"warrant_{i}.json"
        path.write_text(json.dumps({"tenant": tenant, "goods": goods, "arrears": 12.5 * (i + 1)}))
        uris.append(path.as_uri())
    (directory / "schedule.json").write_text(json.dumps({"auction_day": "Lady Day", "crier": "J. Pell"}))
    return uris


def fetch_schedule(uri: str) -> dict:
    """Runs in the default executor: read the auction schedule."""
    with urllib.request.urlopen(uri) as resp:  # ok: GIL004
        return json.loads(resp.read())


def value_goods(tenant: str, goods: list[str], bid_rounds: int, seed: int) -> float:
    """Runs in a worker thread: simulate open-outcry bidding for every seized item."""
    rng = random.Random(seed)
    total = 0.0
    for item in goods:  # expect: GIL001
        price, best = 1.0, 0.0
        for _ in range(bid_rounds):
            offer = price * (1.0 + rng.random() * 0.02)
            if offer > best and offer < 40.0:
                best = offer
            price = 0.999 * price + 0.001 * best
        total += best
        record_appraisal(tenant, item, round(best, 2))
    return round(total, 2)


def record_appraisal(tenant: str, item: str, value: float) -> None:
    if not ROLL_LOCK.acquire(timeout=1.0):  # ok: GIL005
        log.warning("appraisal roll busy; %s not recorded", item)
        return
    try:
        APPRAISAL_ROLL.append((tenant, item, value))
    finally:
        ROLL_LOCK.release()


async def warrants(uris: list[str], gap_s: float):
    """Async generator: the steward's warrants, one after another."""
    for uri in uris:
        with urllib.request.urlopen(uri) as resp:  # expect: GIL004
            data = json.loads(resp.read())
        yield Warrant(data["tenant"], data["goods"], data["arrears"])
        await asyncio.sleep(gap_s)


class Bailiff:
    def __init__(self, book: DistraintBook, config: dict) -> None:
        self.book = book
        self.config = config

    async def seize(self, warrant: Warrant) -> None:
        self.book.warrants.append(warrant)
        self.book.seized += len(warrant.goods)  # ok: GIL002
        await asyncio.sleep(self.config["gap_s"])  # ok: GIL004

    async def appraise(self, warrant: Warrant, seed: int) -> None:
        value = await asyncio.to_thread(value_goods, warrant.tenant, warrant.goods,
                                        self.config["bid_rounds"], seed)
        self.book.valued[warrant.tenant] = value


async def distrain(config: dict) -> None:
    book = DistraintBook()
    bailiff = Bailiff(book, config)
    loop = asyncio.get_running_loop()
    with tempfile.TemporaryDirectory() as tmp:
        directory = pathlib.Path(tmp)
        uris = write_warrants(directory, config["tenants"])
        schedule = await loop.run_in_executor(None, fetch_schedule, (directory / "schedule.json").as_uri())
        tasks = []
        async for warrant in warrants(uris, config["gap_s"]):
            await bailiff.seize(warrant)
            tasks.append(asyncio.create_task(bailiff.appraise(warrant, seed=len(tasks))))
        await asyncio.gather(*tasks)
    owed = sum(w.arrears for w in book.warrants)
    raised = sum(book.valued.values())
    print(f"seized {book.seized} items from {len(book.warrants)} tenants for {schedule['auction_day']}; "
          f"arrears {owed:.2f}, appraised {raised:.2f}; roll has {len(APPRAISAL_ROLL)} lines")


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    start = time.perf_counter()
    asyncio.run(distrain(DISTRAINT_CONFIG))
    print(f"distraint finished in {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
