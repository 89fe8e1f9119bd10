"""Asyncio order portal of a furniture workshop.

Incoming requests are dispatched by name to coroutine handlers registered with @route.
Quotes need timber prices (a slow supplier lookup), drawings are rendered in the
default executor, and accepted orders are archived through asyncio.to_thread.
"""
import asyncio
import functools
import json
import os
import tempfile
import time
from dataclasses import dataclass, asdict

PORTAL_CONFIG = {
    "margin": 0.35,
    "labour_per_hour": 48.0,
    "species_base": {"oak": 21.0, "walnut": 34.0, "cherry": 28.0, "pine": 7.5},
    "supplier_latency_s": 0.01,
    "render_latency_s": 0.02,
}

ROUTES = {}


def route(name):
    def register(coro_fn):
        ROUTES[name] = coro_fn
        return coro_fn
    return register


@dataclass
class Order:
    order_id: str
    piece: str
    species: str
    board_feet: float
    hours: float


class SupplierPriceBook:
    """Price per board foot; the supplier answers over a slow, blocking line."""

    def __init__(self, base, latency):
        self.base = base
        self.latency = latency
        self.lookups = 0

    def _ask_supplier(self, species):
        time.sleep(self.latency)  # expect: GIL004 -- reached from the quote() coroutine via PriceCalculator.timber_cost
        return self.base[species] * 1.08

    def price(self, species):
        self.lookups += 1  # ok: GIL002 -- only the event-loop thread calls price()
        return self._ask_supplier(species)


class PriceCalculator:
    def __init__(self, book, cfg):
        self.book = book
        self.cfg = cfg

    def timber_cost(self, order):
        return order.board_feet * self.book.price(order.species)

    def quote(self, order):
        cost = self.timber_cost(order) + order.hours * self.cfg["labour_per_hour"]
        return round(cost * (1 + self.cfg["margin"]), 2)


class DrawingOffice:
    """Renders shop drawings; runs in the loop's default thread pool."""

    def __init__(self, latency):
        self.latency = latency
        self.rendered = 0
        self.sheets = {}

    def render(self, order, scale):
        time.sleep(self.latency)  # ok: GIL004 -- render runs in an executor thread, not on the loop
        if order.order_id not in self.sheets:  # expect: GIL003 -- executor threads render concurrently
            self.sheets[order.order_id] = []
        self.sheets[order.order_id].append(f"{order.piece}@1:{scale}")
        self.rendered += 1  # expect: GIL002 -- several executor threads bump it unlocked
        return len(self.sheets[order.order_id])


class Archive:
    def __init__(self, directory):
        self.path = os.path.join(directory, "orders.jsonl")

    def store(self, order, total):
        with open(self.path, "a", encoding="utf-8") as fh:  # ok: GIL004 -- called through asyncio.to_thread
            fh.write(json.dumps({**asdict(order), "total": total}) + "\n")

    def count(self):
        with open(self.path, encoding="utf-8") as fh:  # ok: GIL004 -- only called from main() after the loop ends
            return sum(1 for _ in fh)


class Portal:
    def __init__(self, cfg, archive_dir):
        self.calc = PriceCalculator(SupplierPriceBook(cfg["species_base"], cfg["supplier_latency_s"]), cfg)
        self.office = DrawingOffice(cfg["render_latency_s"])
        self.archive = Archive(archive_dir)
        self.accepted = 0

    async def handle(self, kind, order):
        return await ROUTES[kind](self, order)


@route("quote")
async def quote(portal, order):
    total = portal.calc.quote(order)
    await asyncio.sleep(0)  # ok: GIL004 -- cooperative yield, not blocking
    return ("quote", order.order_id, total)


@route("drawing")
async def drawing(portal, order):
    loop = asyncio.get_running_loop()
    job = functools.partial(portal.office.render, order, scale=10)
    n = await loop.run_in_executor(None, job)
    return ("drawing", order.order_id, n)


@route("accept")
async def accept(portal, order):
    total = portal.calc.quote(order)
    await asyncio.to_thread(portal.archive.store, order, total)
    portal.accepted += 1  # ok: GIL002 -- coroutines all run on the one event-loop thread
    return ("accept", order.order_id, total)


def incoming(config):
    species = list(config["species_base"])
    pieces = ["dresser", "table", "bench", "cabinet"]
    for i in range(12):
        order = Order(f"W-{300 + i % 6}", pieces[i % 4], species[i % len(species)],
                      board_feet=12.0 + i, hours=6.0 + i / 2)
        kind = ("quote", "drawing", "accept")[i % 3]
        yield kind, order


async def serve(portal, config):
    tasks = [asyncio.create_task(portal.handle(kind, order)) for kind, order in incoming(config)]
    done, pending = await asyncio.wait(tasks)
    return sorted(t.result() for t in done)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        portal = Portal(PORTAL_CONFIG, tmp)
        results = asyncio.run(serve(portal, PORTAL_CONFIG))
        for kind, oid, value in results:
            print(f"{kind:8s} {oid} -> {value}")
        print(f"supplier lookups={portal.calc.book.lookups} drawings={portal.office.rendered} "
              f"accepted={portal.accepted} archived={portal.archive.count()}")


if __name__ == "__main__":
    main()
