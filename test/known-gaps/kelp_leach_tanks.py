"""Kelp leach tanks: lixiviation workers move lye between a row of tanks after the ash is burned.

Workers are Thread subclasses. They claim tanks, draw liquor under the farm's Condition and open
the shared run-off valve for each transfer.
"""
import logging
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("kelp.leach")

PLAN = {
    "tanks": {"north": 400.0, "middle": 350.0, "south": 300.0, "settling": 0.0},
    "transfers_per_worker": 5,
    "draw_litres": 12.5,
    "pour_pause_s": 0.004,
    "max_valve_bar": 3.0,
}


class ValveFault(RuntimeError):
    pass


@dataclass
class TransferLog:
    worker: str
    entries: list = field(default_factory=list)

    def add(self, source, litres):
        self.entries.append((source, litres))

    @property
    def litres(self):
        return sum(litres for _, litres in self.entries)


class TankFarm:
    def __init__(self, tanks, max_valve_bar):
        self.levels = dict(tanks)
        self.assigned = {}
        self.max_valve_bar = max_valve_bar
        self.valve_pressure = 1.2
        self._cond = threading.Condition()
        self._valve = threading.Lock()
        self.valve_log = []

    def claim(self, tank, worker_name):
        """The first worker to reach a tank becomes its keeper."""
        if tank not in self.assigned:  # expect: GIL003
            time.sleep(0.001)
            self.assigned[tank] = worker_name
        return self.assigned[tank]

    def draw(self, tank, litres, timeout=0.5):
        with self._cond:
            if self.levels[tank] >= litres:  # ok: GIL003
                self.levels[tank] -= litres  # ok: GIL002
                self.levels["settling"] += litres  # ok: GIL002
                self._cond.notify_all()
                return litres
            self._cond.wait(timeout)
            return 0.0

    def _pressure_ok(self):
        return self.valve_pressure <= self.max_valve_bar

    def open_valve(self, worker_name):
        self._valve.acquire()  # expect: GIL005
        if not self._pressure_ok():
            log.error("valve pressure %.1f bar too high for %s", self.valve_pressure, worker_name)
            return False
        self.valve_log.append(worker_name)
        self._valve.release()
        return True

    def flush_valve(self, worker_name):
        self._valve.acquire()  # ok: GIL005
        try:
            if not self._pressure_ok():
                raise ValveFault(f"pressure too high while {worker_name} flushed")
            self.valve_log.append(f"flush:{worker_name}")
        finally:
            self._valve.release()


class LeachWorker(threading.Thread):
    """One man at the tanks; keeps his own tally of transfers on the instance."""

    def __init__(self, farm, source, *, transfers, litres, pause, **kwargs):
        super().__init__(name=f"leach-{source}", **kwargs)
        self.farm = farm
        self.source = source
        self.transfers = transfers
        self.litres = litres
        self.pause = pause
        self.done = 0
        self.log = TransferLog(self.name)

    def run(self):
        skimmer = self.farm.claim("settling", self.name)
        if skimmer == self.name:
            log.info("%s skims the settling tank", self.name)
        for _ in range(self.transfers):  # ok: GIL001
            if not self.farm.open_valve(self.name):
                break
            drawn = self.farm.draw(self.source, self.litres)
            self.log.add(self.source, drawn)
            self.done += 1  # ok: GIL002
            time.sleep(self.pause)
        self.farm.flush_valve(self.name)


class GaugingWorker(LeachWorker):
    """Same job, but reads the gauge twice per transfer before drawing."""

    def run(self):
        with self.farm._cond:
            before = self.farm.levels[self.source]
        super().run()
        with self.farm._cond:
            after = self.farm.levels[self.source]
        log.info("%s gauge: %.1f -> %.1f", self.name, before, after)


def build_crew(farm, plan, worker_types):
    settings = dict(
        transfers=plan["transfers_per_worker"],
        litres=plan["draw_litres"],
        pause=plan["pour_pause_s"],
        daemon=False,
    )
    return [cls(farm, source, **settings) for source, cls in worker_types.items()]


def main(plan):
    logging.basicConfig(level=logging.WARNING)
    farm = TankFarm(plan["tanks"], plan["max_valve_bar"])
    crew = build_crew(farm, plan, {"north": LeachWorker, "middle": GaugingWorker, "south": LeachWorker})
    started = time.perf_counter()
    for worker in crew:
        worker.start()
    for worker in crew:
        worker.join()
    elapsed = time.perf_counter() - started
    for worker in crew:
        print(f"{worker.name}: {worker.done} transfers, {worker.log.litres:.1f} l")
    levels = ", ".join(f"{name}={level:.1f}" for name, level in farm.levels.items())
    print(f"levels: {levels}")
    print(f"valve openings = {len(farm.valve_log)}; claims = {sorted(farm.assigned.items())}")
    print(f"leached in {elapsed:.2f}s")


if __name__ == "__main__":
    main(PLAN)
