"""Haberdasher's restock run: an asyncio job reorders buttons and ribbons.

The job quotes low drawers with the old supplier client (synchronous and
rate-limited), books carrier parcels through a blocking carrier desk in the
default executor, and reconciles the drawer counts against the sales ledger in
a worker thread.
"""
import asyncio
import functools
import logging
import random
import time
from dataclasses import dataclass

log = logging.getLogger("haberdasher.restock")

RESTOCK_CONFIG = {
    "supplier_delay": 0.005,
    "carrier_delay": 0.02,
    "ledger_rows": 300_000,
    "seed": 3,
}


@dataclass
class Drawer:
    sku: str
    kind: str
    on_hand: int
    reorder_at: int
    reorder_qty: int

    @property
    def low(self):
        return self.on_hand <= self.reorder_at


class SupplierClient:
    """The supplier's old synchronous price service; it allows one call per delay."""

    PRICES = {"button": 0.15, "ribbon": 0.9}

    def __init__(self, name, delay):
        self.name = name
        self.delay = delay
        self.calls = 0

    def _throttle(self):
        time.sleep(self.delay)  # expect: GIL004

    def quote(self, kind, qty):
        self._throttle()
        self.calls += 1
        return round(qty * self.PRICES[kind], 2)


class CarrierDesk:
    def __init__(self, delay):
        self.delay = delay

    def book_blocking(self, parcel):
        time.sleep(self.delay)  # ok: GIL004
        return f"{parcel}/booked"


def ledger_rows(skus, n, seed):
    rng = random.Random(seed)
    for _ in range(n):
        yield rng.choice(skus), rng.choice((-3, -2, -1, -1, 1, 5))


def reconcile_counts(rows, drawers):
    counts = {}
    for sku, delta in rows:  # expect: GIL001
        counts[sku] = counts.get(sku, 0) + delta  # ok: GIL002
    return {d.sku: d.on_hand - counts.get(d.sku, 0) for d in drawers}


def async_timed(fn):
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return await fn(*args, **kwargs)
        finally:
            log.info("%s took %.1f ms", fn.__name__, (time.perf_counter() - start) * 1000)
    return wrapper


class Restocker:
    def __init__(self, drawers, supplier, carrier):
        self.drawers = drawers
        self.supplier = supplier
        self.carrier = carrier

    @async_timed
    async def quote_low(self):
        quotes = {}
        for d in (d for d in self.drawers if d.low):
            quotes[d.sku] = self.supplier.quote(d.kind, d.reorder_qty)
            await asyncio.sleep(0)
        return quotes

    @async_timed
    async def book(self, parcels):
        loop = asyncio.get_running_loop()
        jobs = [loop.run_in_executor(None, self.carrier.book_blocking, p) for p in parcels]
        return await asyncio.gather(*jobs)

    @async_timed
    async def reconcile(self, rows):
        return await asyncio.to_thread(reconcile_counts, rows, self.drawers)


def stock_drawers():
    drawers = []
    for i, kind in enumerate(["button"] * 6 + ["ribbon"] * 4):
        drawers.append(Drawer(f"{kind[:3]}-{i:02d}", kind, on_hand=(i * 37) % 90,
                              reorder_at=30, reorder_qty=144 if kind == "button" else 24))
    return drawers


async def restock(cfg):
    drawers = stock_drawers()
    job = Restocker(drawers, SupplierClient("Bright & Sons", cfg["supplier_delay"]),
                    CarrierDesk(cfg["carrier_delay"]))
    rows = ledger_rows([d.sku for d in drawers], cfg["ledger_rows"], cfg["seed"])
    quotes, booked, gaps = await asyncio.gather(
        job.quote_low(),
        job.book([f"parcel-{n}" for n in range(4)]),
        job.reconcile(rows),
    )
    return quotes, booked, gaps


def main():
    logging.basicConfig(level=logging.WARNING)
    start = time.perf_counter()
    quotes, booked, gaps = asyncio.run(restock(RESTOCK_CONFIG))
    print(f"quoted {len(quotes)} low drawers, total {sum(quotes.values()):.2f}")
    print(f"booked {len(booked)} parcels: {booked[0]} ...")
    worst = max(gaps, key=lambda sku: abs(gaps[sku]))
    print(f"largest count gap: {worst} {gaps[worst]:+d}; {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
