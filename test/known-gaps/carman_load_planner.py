"""Carman's load planner: packs each depot's parcels onto horse carts (first fit, heaviest first).

Depots are planned in parallel on a thread pool; the options for each depot are forwarded as
keyword arguments through the dispatch layer.
"""
import logging
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field

log = logging.getLogger("carman.planner")

DEFAULTS = {"capacity_kg": 650.0, "capacity_m3": 3.2}
DEPOTS = {
    "Goods Yard": {"parcel_count": 3400, "seed": 3},
    "Canal Wharf": {"parcel_count": 3000, "seed": 9, "capacity_kg": 700.0},
    "Market Hall": {"parcel_count": 3200, "seed": 27},
}
DESTINATIONS = ["High St", "Corn Exchange", "Tannery", "Brewery", "Chandlers", "Infirmary"]

stats = {"carts": 0, "depots": 0}


@dataclass(order=True)
class Parcel:
    weight_kg: float
    volume_m3: float = field(compare=False)
    dest: str = field(compare=False)


@dataclass
class Cart:
    capacity_kg: float
    capacity_m3: float
    load_kg: float = 0.0
    load_m3: float = 0.0
    parcels: list = field(default_factory=list)

    def fits(self, parcel):
        return (self.load_kg + parcel.weight_kg <= self.capacity_kg
                and self.load_m3 + parcel.volume_m3 <= self.capacity_m3)

    def add(self, parcel):
        self.parcels.append(parcel)
        self.load_kg += parcel.weight_kg
        self.load_m3 += parcel.volume_m3

    @property
    def fill(self):
        return self.load_kg / self.capacity_kg


def make_parcels(count, seed):
    state = seed
    parcels = []
    for _ in range(count):
        state = (state * 48271) % 2147483647
        weight = 5 + state % 90
        parcels.append(Parcel(float(weight), 0.02 + (state % 17) / 100,
                              DESTINATIONS[state % len(DESTINATIONS)]))
    return parcels


def first_fit(parcels, capacity_kg, capacity_m3):
    carts = []
    for parcel in sorted(parcels, reverse=True):  # expect: GIL001
        for cart in carts:
            if cart.fits(parcel):
                cart.add(parcel)
                break
        else:
            cart = Cart(capacity_kg, capacity_m3)
            cart.add(parcel)
            carts.append(cart)
    return carts


def build_manifest(carts):
    manifest = {}
    for cart_no, cart in enumerate(carts):
        for parcel in cart.parcels:
            if parcel.dest not in manifest:  # ok: GIL003
                manifest[parcel.dest] = set()
            manifest[parcel.dest].add(cart_no)
    return manifest


def plan_depot(depot, parcels, *, capacity_kg, capacity_m3):
    t0 = time.perf_counter()
    carts = first_fit(parcels, capacity_kg, capacity_m3)
    manifest = build_manifest(carts)
    stats["carts"] += len(carts)  # expect: GIL002
    log.info("%s planned in %.0f ms", depot, (time.perf_counter() - t0) * 1000)
    return depot, carts, manifest


def dispatch(pool, fn, depots, **defaults):
    futures = []
    for name, options in depots.items():
        kwargs = {**defaults, **options}
        parcels = make_parcels(kwargs.pop("parcel_count"), kwargs.pop("seed"))
        futures.append(pool.submit(fn, name, parcels, **kwargs))
    return futures


def summarise(depot, carts, manifest):
    avg_fill = sum(c.fill for c in carts) / len(carts)
    busiest = max(manifest, key=lambda d: len(manifest[d]))
    return (f"{depot:<12} {len(carts):4d} carts, mean fill {avg_fill:.0%}, "
            f"busiest drop {busiest} ({len(manifest[busiest])} carts)")


def main():
    logging.basicConfig(level=logging.WARNING)
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(DEPOTS)) as pool:
        futures = dispatch(pool, plan_depot, DEPOTS, **DEFAULTS)
        wait(futures)
    results = [f.result() for f in futures]
    stats["depots"] = len(results)
    total = 0
    for depot, carts, manifest in results:
        print(summarise(depot, carts, manifest))
        total += len(carts)
    print(f"carts = {stats['carts']} (expected {total})")
    print(f"depots = {stats['depots']}; wall {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
