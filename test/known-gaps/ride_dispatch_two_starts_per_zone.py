# Models a ride-sharing dispatcher that matches incoming riders to idle drivers per zone.
"""Regional dispatch threads claiming idle drivers from a shared driver pool."""

import functools
import random
import threading
import time

ZONES = ["downtown", "airport", "harbor"]
eta_cache = {}


class DriverPool:
    """Idle drivers by zone, shared by every dispatcher thread."""

    def __init__(self, zones):
        self.idle = {zone: [] for zone in zones}
        self.trips_assigned = 0
        self.unmatched = 0
        self.lock = threading.Lock()

    def add_driver(self, zone, driver_id):
        with self.lock:
            self.idle[zone].append(driver_id)

    def claim_driver(self, zone):
        drivers = self.idle[zone]
        if drivers:  # expect: GIL003
            driver = drivers.pop()
            self.trips_assigned += 1  # expect: GIL002
            return driver
        self.unmatched += 1  # expect: GIL002
        return None

    def claim_driver_safely(self, zone):
        with self.lock:
            drivers = self.idle[zone]
            if drivers:  # ok: GIL003
                self.trips_assigned += 1  # ok: GIL002
                return drivers.pop()
            self.unmatched += 1  # ok: GIL002
            return None


def estimate_eta_grid(grid_size, speed_kmh):
    """Precompute the worst-case ETA from each grid cell to any other cell."""
    cells = grid_size * grid_size
    worst = []
    for a in range(cells):  # expect: GIL001
        ax, ay = divmod(a, grid_size)
        longest = 0.0
        for b in range(cells):
            bx, by = divmod(b, grid_size)
            minutes = (abs(ax - bx) + abs(ay - by)) * 0.4 / speed_kmh * 60
            if minutes > longest:
                longest = minutes
        worst.append(longest)
    eta_cache["worst_case"] = worst


def dispatch_zone(pool, zone, riders, safe):
    """Work through the riders waiting in one zone."""
    claim = pool.claim_driver_safely if safe else pool.claim_driver
    matched = 0
    for rider in riders:  # ok: GIL001
        driver = claim(zone)
        if driver is not None:
            matched += 1  # ok: GIL002
        time.sleep(0.002)
    print(f"{zone} ({'locked' if safe else 'fast'} path): matched {matched}/{len(riders)}")


def main():
    rng = random.Random(5)
    pool = DriverPool(ZONES)
    for n in range(36):
        pool.add_driver(rng.choice(ZONES), f"drv-{n:03d}")

    threads = [threading.Thread(target=functools.partial(estimate_eta_grid, 22, 30.0))]
    for i, zone in enumerate(ZONES):
        riders = [f"rider-{zone}-{k}" for k in range(12)]
        threads.append(threading.Thread(target=dispatch_zone, args=(pool, zone, riders, i % 2 == 0)))
        threads.append(threading.Thread(target=dispatch_zone, args=(pool, zone, riders[:6], True)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    print(f"trips assigned: {pool.trips_assigned}, unmatched requests: {pool.unmatched}")
    print(f"max ETA across city: {max(eta_cache['worst_case']):.1f} min")


if __name__ == "__main__":
    main()
