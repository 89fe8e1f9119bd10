"""Hazard-class roll-up for chemical inventory compliance (fire code MAQ check).

Every container in the inventory is converted to a normalised mass and summed per
control area and hazard class, then compared with the maximum allowable quantity
(MAQ) for that class. The inventory is sharded by building and rolled up in worker
threads.
"""
import logging
import random
import threading
from collections import Counter
from dataclasses import dataclass

log = logging.getLogger("ehs.rollup")

UNIT_TO_KG = {"kg": 1.0, "g": 0.001, "lb": 0.453592, "L": None, "mL": None, "gal": None}
VOLUME_TO_L = {"L": 1.0, "mL": 0.001, "gal": 3.78541}
MAQ_KG = {"flammable_liquid_1B": 454.0, "oxidizer_2": 113.0, "corrosive": 2268.0,
          "toxic": 227.0, "water_reactive_2": 227.0}
CLASSES = tuple(MAQ_KG)
SPRINKLERED = frozenset({"B1", "B3"})


@dataclass(slots=True)
class Container:
    barcode: str
    building: str
    control_area: int
    hazard_class: str
    amount: float
    unit: str
    density: float  # kg/L, used for liquids


def to_kg(c):
    factor = UNIT_TO_KG[c.unit]
    if factor is not None:
        return c.amount * factor
    return c.amount * VOLUME_TO_L[c.unit] * c.density


class RollupResult:
    def __init__(self):
        self.totals = {}
        self.containers_seen = 0
        self._lock = threading.Lock()
        self.class_counts = Counter()

    def merge_counts(self, counts):
        with self._lock:
            self.class_counts.update(counts)


_local = threading.local()


def roll_up_shard(shard, result, *, include_empty=False, on_done=None):
    _local.counts = Counter()
    for c in shard:  # expect: GIL001
        if c.amount <= 0 and not include_empty:
            continue
        kg = to_kg(c)
        if c.building in SPRINKLERED and c.hazard_class != "water_reactive_2":
            kg *= 0.5  # sprinklered buildings count half against the MAQ
        if c.barcode.endswith(("00", "50")):
            log.debug("audit sample %s: %.3f kg", c.barcode, kg)
        key = (c.control_area, c.hazard_class)  # fire control areas span buildings
        result.totals[key] = result.totals.get(key, 0.0) + kg  # expect: GIL002
        _local.counts[c.hazard_class] += 1  # ok: GIL002
    result.merge_counts(_local.counts)
    if on_done:
        on_done(len(shard))


def spawn_workers(fn, shards, *args, **kwargs):
    """Helper used by the batch jobs: one thread per shard, all started before returning."""
    threads = []
    for i, shard in enumerate(shards):
        t = threading.Thread(target=fn, args=(shard, *args), kwargs=kwargs, name=f"rollup-{i}")
        t.start()
        threads.append(t)
    return threads


def make_progress_callback(result):
    def done(n):
        result.containers_seen += n  # expect: GIL002
    return done


def exceedances(totals, by_area):
    for (area, hazard), kg in totals.items():
        by_area[area] = by_area.get(area, 0.0) + kg  # ok: GIL002
        if kg > MAQ_KG[hazard]:
            yield area, hazard, kg, MAQ_KG[hazard]


def synth_inventory(n, seed=2024):
    rng = random.Random(seed)
    units = list(UNIT_TO_KG)
    return [Container(f"CHM{i:07d}", f"B{1 + i % 3}", 1 + (i >> 3) % 4, CLASSES[(i * 7) % len(CLASSES)],
                      (i * 37) % 2000 / 100, units[(i * 13) % len(units)], 0.7 + rng.random())
            for i in range(n)]


def main():
    logging.basicConfig(level=logging.WARNING)
    inventory = synth_inventory(150_000)
    shards = [[c for c in inventory if c.building == b] for b in ("B1", "B2", "B3")]
    result = RollupResult()
    workers = spawn_workers(roll_up_shard, shards, result,
                            include_empty=False, on_done=make_progress_callback(result))
    for t in workers:
        t.join()
    by_area = {}
    over = sorted(exceedances(result.totals, by_area))
    print("mass per control area:", {a: round(kg) for a, kg in sorted(by_area.items())})
    print(f"containers rolled up: {result.containers_seen}; by class: {dict(sorted(result.class_counts.items()))}")
    print(f"control areas x classes: {len(result.totals)}; over MAQ: {len(over)}")
    for area, hazard, kg, maq in over[:6]:
        print(f"  CA{area} {hazard:20s} {kg:9.1f} kg > MAQ {maq:.0f} kg")


if __name__ == "__main__":
    main()
