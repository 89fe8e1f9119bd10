"""Order-to-drone dispatch with battery budgeting.

Orders arrive in batches from several regional queues; a dispatcher thread per
region assigns each order to a drone that has enough charge left for the round
trip and deducts the energy.  The legacy ``QuickDispatcher`` reads and debits
the battery without coordination; ``LeasedDispatcher`` leases the drone first.
A recharge timer tops the drones up from the charging pads.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional

log = logging.getLogger("drone.dispatch")

UPLINK_S = 0.001            # round trip to the drone's flight controller
RECHARGE_EVERY_S = 0.01


@dataclass
class Drone:
    drone_id: str
    capacity_wh: float
    battery_wh: float
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)


@dataclass(frozen=True)
class Order:
    order_id: str
    region: str
    distance_km: float

    @property
    def energy_wh(self) -> float:
        return 12.0 + 4.5 * self.distance_km * 2      # out and back


class DroneLease:
    """Exclusive use of one drone for the duration of a ``with`` block."""

    def __init__(self, drone: Drone) -> None:
        self.drone = drone

    def __enter__(self) -> Drone:
        self.drone.lock.acquire()  # ok: GIL005
        return self.drone

    def __exit__(self, exc_type, exc, tb) -> bool:
        self.drone.lock.release()
        return False


class Fleet:
    def __init__(self, drones: Iterable[Drone]) -> None:
        self.drones = list(drones)

    def candidates(self, order: Order) -> List[Drone]:
        return sorted(self.drones, key=lambda d: -d.battery_wh)


class QuickDispatcher:
    def __init__(self, fleet: Fleet) -> None:
        self.fleet = fleet
        self.assigned: Dict[str, str] = {}
        self.backlog: List[Order] = []

    def assign(self, order: Order) -> Optional[Drone]:
        for drone in self.fleet.candidates(order):
            if drone.battery_wh >= order.energy_wh:  # expect: GIL003
                time.sleep(UPLINK_S)                    # confirm the mission with the drone
                drone.battery_wh -= order.energy_wh  # expect: GIL002
                return drone
        return None

    def dispatch_all(self, orders: Iterable[Order]) -> int:
        done = 0
        for order in orders:  # ok: GIL001
            drone = self.assign(order)
            if drone is None:
                self.backlog.append(order)
                continue
            self.assigned[order.order_id] = drone.drone_id
            done += 1  # ok: GIL002
        return done


class LeasedDispatcher(QuickDispatcher):
    def assign(self, order: Order) -> Optional[Drone]:
        for drone in self.fleet.candidates(order):
            with DroneLease(drone) as d:
                if d.battery_wh >= order.energy_wh:  # ok: GIL003
                    time.sleep(UPLINK_S)
                    d.battery_wh -= order.energy_wh  # ok: GIL002
                    return d
        return None


class RechargeTimer:
    """Re-arming threading.Timer that adds charge from the pads."""

    def __init__(self, fleet: Fleet, wh_per_tick: float) -> None:
        self.fleet = fleet
        self.wh_per_tick = wh_per_tick
        self.ticks = 0
        self._timer: Optional[threading.Timer] = None
        self._stopped = False
        self._lock = threading.Lock()

    def _tick(self) -> None:
        for drone in self.fleet.drones:
            with drone.lock:
                drone.battery_wh = min(drone.capacity_wh, drone.battery_wh + self.wh_per_tick)  # ok: GIL002
        with self._lock:
            self.ticks += 1  # ok: GIL002
        self.start()

    def start(self) -> None:
        with self._lock:
            if not self._stopped:  # ok: GIL003
                self._timer = threading.Timer(RECHARGE_EVERY_S, self._tick)
                self._timer.daemon = True
                self._timer.start()

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            timer = self._timer
        if timer is not None:
            timer.cancel()
            timer.join()


def make_orders(region: str, n: int) -> List[Order]:
    return [Order(f"{region}-{i:03d}", region, 1.0 + (i * 7 % 13) / 2) for i in range(n)]


def run_dispatch(dispatcher_cls, regions: Dict[str, List[Order]], **fleet_cfg) -> dict:
    fleet = Fleet(Drone(f"D{i}", fleet_cfg["capacity_wh"], fleet_cfg["capacity_wh"])
                  for i in range(fleet_cfg["drones"]))
    recharge = RechargeTimer(fleet, fleet_cfg["recharge_wh"])
    dispatchers = {region: dispatcher_cls(fleet) for region in regions}
    threads = []
    for region, orders in regions.items():
        disp = dispatchers[region]
        threads.append(threading.Thread(target=lambda d=disp, o=orders: d.dispatch_all(o),
                                        name=f"dispatch-{region}"))
    recharge.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    recharge.stop()
    return {
        "assigned": sum(len(d.assigned) for d in dispatchers.values()),
        "backlog": sum(len(d.backlog) for d in dispatchers.values()),
        "charge": {d.drone_id: round(d.battery_wh) for d in fleet.drones},
        "ticks": recharge.ticks,
    }


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    regions = {r: make_orders(r, 30) for r in ("north", "harbour", "airport")}
    cfg = {"drones": 6, "capacity_wh": 900.0, "recharge_wh": 10.0}
    for cls in (QuickDispatcher, LeasedDispatcher):
        t0 = time.perf_counter()
        out = run_dispatch(cls, regions, **cfg)
        print(f"{cls.__name__:>16}: {out['assigned']} assigned, {out['backlog']} backlog, "
              f"{out['ticks']} recharge ticks, {time.perf_counter() - t0:.2f}s")
        print(" " * 18, out["charge"])
