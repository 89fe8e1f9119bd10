"""Spring fur auction run on asyncio.

Lots are appraised in the loop's default executor (a thread pool), a bidding simulation runs
in a process pool, and the auctioneer coroutine keeps the bid book.  The price list is a
local file read through urllib.
"""
import asyncio
import concurrent.futures
import functools
import json
import logging
import os
import pathlib
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field

log = logging.getLogger("trapper.auction")

AUCTION = {
    "gavel_pause": 0.01,
    "call_pause": 0.005,
    "appraisal": {"samples": 220_000, "grade_bias": 1.04},
    "simulation": {"rounds": 60_000},
}


@dataclass
class Lot:
    number: int
    species: str
    pelts: int
    bids: list = field(default_factory=list)

    @property
    def label(self):
        return f"lot {self.number}: {self.pelts} {self.species}"


def appraise_lot(lot_number, pelts, base_price, *, samples, grade_bias):
    """Monte-Carlo appraisal of a lot; runs in a thread of the default executor."""
    seed = lot_number * 2654435761 & 0xFFFFFFFF
    acc = 0.0
    for i in range(samples):  # expect: GIL001
        seed = (seed * 1664525 + 1013904223) & 0xFFFFFFFF
        quality = 0.6 + (seed >> 16) / 65536.0 * 0.7
        acc += base_price * quality * grade_bias
    return round(acc / samples * pelts)


def simulate_bidding(lot_number, opening, rounds):
    """Bidding war between agents; runs in a child process."""
    bid = opening
    seed = lot_number + 17
    for r in range(rounds):  # ok: GIL001
        seed = (seed * 69069 + 1) & 0xFFFFFFFF
        if seed % 5 == 0:
            bid += 1 + seed % 3
    return bid


def write_price_list(folder):
    path = pathlib.Path(folder) / "prices.json"
    path.write_text(json.dumps({"beaver": 240, "marten": 180, "fox": 150, "muskrat": 40}))
    return path.as_uri()


class Auctioneer:
    def __init__(self, price_url, procpool, **settings):
        self.price_url = price_url
        self.procpool = procpool
        self.gavel_pause = settings["gavel_pause"]
        self.call_pause = settings["call_pause"]
        self.appraisal = dict(settings["appraisal"])
        self.rounds = settings["simulation"]["rounds"]
        self.prices = {}
        self.book = {}

    async def load_price_list(self):
        with urllib.request.urlopen(self.price_url) as resp:  # expect: GIL004
            self.prices = json.loads(resp.read().decode())
        return len(self.prices)

    async def open_bidding(self, lot):
        log.info("opening %s", lot.label)
        time.sleep(self.gavel_pause)  # expect: GIL004
        if lot.number not in self.book:  # ok: GIL003
            self.book[lot.number] = []
        await asyncio.sleep(self.call_pause)  # ok: GIL004

    async def sell(self, lot):
        loop = asyncio.get_running_loop()
        await self.open_bidding(lot)
        base = self.prices[lot.species]
        job = functools.partial(appraise_lot, lot.number, lot.pelts, base, **self.appraisal)
        estimate = await loop.run_in_executor(None, job)
        final = await loop.run_in_executor(self.procpool, simulate_bidding,
                                           lot.number, estimate, self.rounds)
        self.book[lot.number].append(final)
        return lot.number, estimate, final


async def warm_up(procpool):
    """Start the worker processes before any thread exists."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(procpool, os.getpid)


async def main(folder):
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    lots = [Lot(1, "beaver", 40), Lot(2, "marten", 25), Lot(3, "fox", 18), Lot(4, "beaver", 33)]
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as procpool:
        await warm_up(procpool)
        auctioneer = Auctioneer(write_price_list(folder), procpool, **AUCTION)
        await auctioneer.load_price_list()
        t0 = time.perf_counter()
        results = await asyncio.gather(*(auctioneer.sell(lot) for lot in lots))
        elapsed = time.perf_counter() - t0
    for number, estimate, final in sorted(results):
        print(f"lot {number}: appraised {estimate} pence, hammer price {final} pence")
    print(f"sold {len(results)} lots in {elapsed:.2f}s; book: {sorted(auctioneer.book)}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(main(tmp))
