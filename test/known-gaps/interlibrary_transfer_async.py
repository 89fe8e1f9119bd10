"""Interlibrary loan coordinator: routes requested books between branches via courier vans."""
import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

CATALOG = {
    "0-394-80001": ["Central", "Westfield"],
    "0-14-044913": ["Harbor"],
    "0-679-72020": ["Central", "Harbor", "Oakridge"],
    "0-06-112008": [],
}


def catalog_lookup(isbn):
    """Synchronous Z39.50 lookup; only ever run in the executor."""
    time.sleep(0.02)  # ok: GIL004
    return CATALOG.get(isbn, [])


class CourierVan(threading.Thread):
    def __init__(self, van_id, loop, deliveries, on_delivered):
        super().__init__(name=f"van-{van_id}", daemon=True)
        self.loop, self.deliveries, self.on_delivered = loop, deliveries, on_delivered
        self.trips = 0

    def run(self):
        for isbn, src, dst in self.deliveries:  # ok: GIL001
            time.sleep(0.01)  # driving between branches
            self.trips += 1  # ok: GIL002
            self.loop.call_soon_threadsafe(self.on_delivered, isbn, dst)


class Coordinator:
    def __init__(self):
        self.reserved = {}
        self.lock = asyncio.Lock()
        self.delivered = []

    async def claim_copy(self, isbn, holders):
        async with self.lock:
            for branch in holders:
                if (isbn, branch) not in self.reserved:  # ok: GIL003
                    await asyncio.sleep(0.001)  # hold-shelf confirmation
                    self.reserved[(isbn, branch)] = True
                    return branch
        return None

    async def request(self, loop, pool, isbn, dest):
        holders = await loop.run_in_executor(pool, catalog_lookup, isbn)
        source = await self.claim_copy(isbn, holders)
        return (isbn, source, dest) if source else None

    def mark_delivered(self, isbn, dest):
        self.delivered.append((isbn, dest))


async def main():
    loop = asyncio.get_running_loop()
    coord = Coordinator()
    wanted = [("0-394-80001", "Oakridge"), ("0-679-72020", "Westfield"),
              ("0-679-72020", "Westfield"), ("0-14-044913", "Central"),
              ("0-14-044913", "Oakridge"), ("0-06-112008", "Harbor")]
    with ThreadPoolExecutor(max_workers=4) as pool:
        routes = await asyncio.gather(*(coord.request(loop, pool, i, d) for i, d in wanted))
    routes = [r for r in routes if r]
    vans = [CourierVan(n, loop, routes[n::2], coord.mark_delivered) for n in range(2)]
    for van in vans:
        van.start()
    while len(coord.delivered) < len(routes):
        await asyncio.sleep(0.005)
    for van in vans:
        van.join()
    print(f"routed {len(routes)}/{len(wanted)} requests")
    for isbn, src, dst in routes:
        print(f"  {isbn}: {src} -> {dst}")
    print("van trips:", {v.name: v.trips for v in vans}, "delivered:", len(coord.delivered))


if __name__ == "__main__":
    asyncio.run(main())
