#!/usr/bin/env python3
"""Ride-hailing dispatch: one matcher thread per city zone pairs waiting riders
with idle drivers from a shared pool and estimates pickup times."""
import math
import random
import threading
import time

idle_drivers = [f"drv{n:02d}" for n in range(14)]
eta_histogram = {}         # minutes bucket -> trips, for the ops dashboard
trip_lock = threading.Lock()
trip_log = []


def estimate_eta(rider_xy, driver_seed):
    """Crude road-network relaxation, iterated until it settles."""
    x, y = rider_xy
    eta = 0.0
    step = 0
    while step < 25000:  # expect: GIL001
        eta = 0.5 * eta + math.hypot(x - step % 7, y + driver_seed % 5) * 1.5
        step += 1
    return round(eta, 2)


class ZoneMatcher(threading.Thread):
    def __init__(self, zone, riders):
        super().__init__(name=f"zone-{zone}")
        self.zone = zone
        self.riders = riders
        self.matched = 0

    def run(self):
        for rider, xy in self.riders:  # ok: GIL001
            time.sleep(0.002)                     # wait for the rider's app to confirm
            if idle_drivers:  # expect: GIL003
                driver = idle_drivers.pop()
                eta = estimate_eta(xy, len(driver))
                self.assign(rider, driver, eta)

    def assign(self, rider, driver, eta):
        self.matched += 1  # ok: GIL002
        bucket = int(eta)
        eta_histogram[bucket] = eta_histogram.get(bucket, 0) + 1  # expect: GIL002
        with trip_lock:
            trip_log.append((self.zone, rider, driver, eta))


def main():
    rng = random.Random(11)
    zones = {z: [(f"{z}-r{i}", (rng.uniform(0, 9), rng.uniform(0, 9))) for i in range(3)]
             for z in ("north", "south", "harbour", "airport")}
    matchers = [ZoneMatcher(z, riders) for z, riders in zones.items()]
    for m in matchers:
        m.start()
    for m in matchers:
        m.join()

    for zone, rider, driver, eta in sorted(trip_log):
        print(f"{zone:8s} {rider:11s} -> {driver} eta {eta}")
    print("eta histogram:", dict(sorted(eta_histogram.items())))
    print("matched:", sum(m.matched for m in matchers), "idle left:", len(idle_drivers))


if __name__ == "__main__":
    main()
