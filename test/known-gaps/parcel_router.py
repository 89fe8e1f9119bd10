# Models a regional parcel router that assigns parcels to depots and precomputes depot distance tables.
import math
import random
import threading
from concurrent.futures import ThreadPoolExecutor


class Depot:
    """A sorting depot with a fixed number of free bays."""

    def __init__(self, name, x, y, capacity):
        self.name = name
        self.x = x
        self.y = y
        self.capacity = capacity


class Parcel:
    def __init__(self, pid, x, y):
        self.pid = pid
        self.x = x
        self.y = y


load_lock = threading.Lock()
depot_loads = {}


def nearest_depot(parcel, depots):
    best, best_d = None, float("inf")
    for depot in depots:  # ok: GIL001
        d = math.hypot(depot.x - parcel.x, depot.y - parcel.y)
        if d < best_d:
            best, best_d = depot, d
    return best


def assign_parcel(parcel, depots, manifest):
    """Reserve a bay at the closest depot; overflow parcels go to the backlog."""
    depot = nearest_depot(parcel, depots)
    if depot.capacity > 0:  # expect: GIL003
        depot.capacity -= 1  # expect: GIL002
        manifest.append((parcel.pid, depot.name))  # ok: GIL002
        with load_lock:
            if depot.name not in depot_loads:  # ok: GIL003
                depot_loads[depot.name] = 0
            depot_loads[depot.name] += 1  # ok: GIL002
        return True
    return False


def build_distance_table(depot, stops):
    """Pairwise stop distances for the depot's delivery area."""
    n = len(stops)
    table = [[0.0] * n for _ in range(n)]
    for i in range(n):  # expect: GIL001
        xi, yi = stops[i]
        row = table[i]
        for j in range(n):
            xj, yj = stops[j]
            row[j] = math.hypot(xi - xj, yi - yj)
    return depot.name, table


def main():
    rng = random.Random(7)
    depots = [
        Depot("north", 10, 90, 40),
        Depot("south", 50, 5, 40),
        Depot("east", 95, 50, 40),
        Depot("west", 5, 45, 40),
    ]
    parcels = [Parcel(i, rng.uniform(0, 100), rng.uniform(0, 100)) for i in range(200)]
    manifest = []

    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(assign_parcel, p, depots, manifest) for p in parcels]
        accepted = sum(1 for f in futures if f.result())

    areas = {d.name: [(rng.uniform(0, 20), rng.uniform(0, 20)) for _ in range(220)] for d in depots}
    with ThreadPoolExecutor(max_workers=4) as pool:
        tables = dict(f.result() for f in [pool.submit(build_distance_table, d, areas[d.name]) for d in depots])

    print(f"accepted={accepted} backlog={len(parcels) - accepted} manifest={len(manifest)}")
    for name in sorted(depot_loads):
        longest = max(max(row) for row in tables[name])
        print(f"{name}: load={depot_loads[name]} longest_leg={longest:.1f}")


if __name__ == "__main__":
    main()
