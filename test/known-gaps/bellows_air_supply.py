"""Forge bellows air supply.

A pump thread works the great bellows into the reservoir, two tuyere threads
draw air for their fires whenever there is enough pressure, and a valve thread
opens the relief valve when the controller asks for it.  The loops are stored
by name and started from a small supervisor.
"""
import logging
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("bellows.supply")

SUPPLY_CONFIG = {
    "capacity_kpa": 12.0,
    "pump": {"strokes": 60, "stroke_kpa": 0.35, "period_s": 0.002},
    "tuyere_a": {"fire": "A", "draws": 60, "need_kpa": 0.30, "period_s": 0.002},
    "tuyere_b": {"fire": "B", "draws": 60, "need_kpa": 0.25, "period_s": 0.002},
    "valve": {"max_cycles": 5},
}


class Reservoir:
    """Weighted air reservoir; the setter clamps to the physical limits."""

    def __init__(self, capacity_kpa):
        self.capacity = capacity_kpa
        self._pressure = 0.0
        self.history = []

    @property
    def pressure(self):
        return self._pressure

    @pressure.setter
    def pressure(self, value):
        self._pressure = max(0.0, min(value, self.capacity))
        self.history.append(self._pressure)


@dataclass
class ValveState:
    open_requests: int = 0
    cycles: int = 0
    stop: bool = False
    cond: threading.Condition = field(default_factory=threading.Condition, repr=False)


class AirSupply:
    def __init__(self, config):
        self.config = config
        self.reservoir = Reservoir(config["capacity_kpa"])
        self.valve = ValveState()
        self.starved = {}
        self._loops = {
            "pump": self._pump_loop,
            "tuyere_a": self._tuyere_loop,
            "tuyere_b": self._tuyere_loop,
            "valve": self._valve_loop,
        }
        self.threads = {}

    # -- loops (each runs in its own thread) --------------------------------------
    def _pump_loop(self, strokes, stroke_kpa, period_s):
        for stroke in range(strokes):  # ok: GIL001
            self.reservoir.pressure += stroke_kpa  # expect: GIL002
            if stroke % 20 == 19:  # scheduled blow-off test of the relief valve
                self.request_relief()
            time.sleep(period_s)

    def _tuyere_loop(self, fire, draws, need_kpa, period_s):
        local_starved = 0
        for _ in range(draws):
            if self.reservoir.pressure >= need_kpa:  # expect: GIL003
                self.reservoir.pressure -= need_kpa  # expect: GIL002
            else:
                local_starved += 1  # ok: GIL002
            time.sleep(period_s)
        self.starved[fire] = local_starved

    def _valve_loop(self, max_cycles):
        state = self.valve
        with state.cond:
            while not state.stop and state.cycles < max_cycles:
                state.cond.wait_for(lambda: state.open_requests > 0 or state.stop, timeout=0.5)
                if state.open_requests:  # ok: GIL003
                    state.open_requests -= 1
                    state.cycles += 1  # ok: GIL002

    def request_relief(self):
        with self.valve.cond:
            self.valve.open_requests += 1  # ok: GIL002
            self.valve.cond.notify()

    # -- supervisor -------------------------------------------------------------
    def start(self, *names):
        for name in names or tuple(self._loops):
            thread = threading.Thread(target=self._loops[name], name=name,
                                      kwargs=self.config[name], daemon=True)
            self.threads[name] = thread
            thread.start()
        return self

    def stop(self, timeout=2.0):
        for name in ("pump", "tuyere_a", "tuyere_b"):
            self.threads[name].join(timeout)
        with self.valve.cond:
            self.valve.stop = True
            self.valve.cond.notify_all()
        self.threads["valve"].join(timeout)


def summarize(history, buckets=4):
    if not history:
        return []
    size = max(1, len(history) // buckets)
    return [round(sum(chunk) / len(chunk), 2)
            for chunk in (history[i:i + size] for i in range(0, len(history), size))]


def main(config=SUPPLY_CONFIG):
    logging.basicConfig(level=logging.WARNING)
    supply = AirSupply(config).start()
    t0 = time.perf_counter()
    supply.stop()
    elapsed = time.perf_counter() - t0
    pump = config["pump"]
    print(f"final pressure = {supply.reservoir.pressure:.2f} kPa after {elapsed:.2f}s")
    print(f"pumped {pump['strokes'] * pump['stroke_kpa']:.1f} kPa, "
          f"starved draws per fire = {dict(sorted(supply.starved.items()))}")
    print(f"relief cycles = {supply.valve.cycles}, pending = {supply.valve.open_requests}")
    print(f"pressure profile = {summarize(supply.reservoir.history)}")


if __name__ == "__main__":
    main()
