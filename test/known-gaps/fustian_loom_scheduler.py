"""Fustian mill shift scheduler.

Looms are assembled by a builder from a config dict; shift events (start, picks,
inspect, finish) register by name with a decorator and fire on threading.Timer threads.
"""
from __future__ import annotations

import threading
import time

LOOM_CONFIG = {
    "east-1": {"kind": "broad", "reed": 44, "picks_per_min": 70, "inspect_picks": 480_000},
    "east-2": {"kind": "broad", "reed": 44, "picks_per_min": 72, "inspect_picks": 520_000},
    "west-1": {"kind": "hand", "reed": 36, "picks_per_min": 95, "inspect_picks": 440_000},
}
WARPS = {"linen", "cotton-linen"}
FAULT_LIMIT = 420
SHIFT_PLAN = [
    (0.00, "start", "east-1", "Ralph"), (0.00, "start", "east-2", "Joan"), (0.01, "start", "west-1", "Ned"),
    (0.02, "picks", "east-1", 30), (0.02, "picks", "east-2", 30), (0.03, "picks", "west-1", 25),
    (0.03, "start", "west-1", "Kit"), (0.04, "picks", "east-1", 15),
    (0.05, "inspect", "east-1", None), (0.05, "inspect", "east-2", None), (0.05, "inspect", "west-1", None),
    (0.08, "finish", "east-1", None), (0.08, "finish", "east-2", None), (0.09, "finish", "west-1", None),
]

EVENTS: dict = {}


def on(event: str):
    def register(fn):
        EVENTS[event] = fn
        return fn
    return register


class Loom:
    def __init__(self, name: str, reed: int, picks_per_min: int, inspect_picks: int) -> None:
        self.name = name
        self.reed = reed
        self.base_rate = picks_per_min
        self.inspect_picks = inspect_picks
        self.state = "idle"
        self.weaver = None
        self.warp = "linen"
        self.picks_woven = 0
        self.faults = 0

    @property
    def pick_rate(self) -> int:
        return self.base_rate

    def tension_readings(self):
        seed = self.reed * 7919
        for _ in range(self.inspect_picks):
            seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
            yield seed % 100

    def scan_for_faults(self) -> int:
        faults = 0
        run = 0
        for reading in self.tension_readings():  # expect: GIL001 -- hundreds of thousands of readings per Timer
            run = run + 1 if reading > 96 else 0
            if run >= 2:
                faults += 1
        return faults


class BroadLoom(Loom):
    @property
    def pick_rate(self) -> int:
        return self.base_rate * 2 // 3  # two weavers throw the shuttle across the broad web


class HandLoom(Loom):
    pass


class LoomBuilder:
    KINDS = {"broad": BroadLoom, "hand": HandLoom}

    def __init__(self) -> None:
        self._name = ""
        self._spec: dict = {}

    def named(self, name: str) -> "LoomBuilder":
        self._name = name
        return self

    def with_config(self, spec: dict) -> "LoomBuilder":
        self._spec = dict(spec)
        return self

    def build(self) -> Loom:
        spec = self._spec
        return self.KINDS[spec["kind"]](self._name, spec["reed"], spec["picks_per_min"], spec["inspect_picks"])


class Mill:
    def __init__(self, config: dict) -> None:
        self.looms = {name: LoomBuilder().named(name).with_config(spec).build() for name, spec in config.items()}
        self.finished = 0
        self._cv = threading.Condition()
        self._warp_lock = threading.Lock()

    def swap_warp(self, name: str, warp: str) -> None:
        self._warp_lock.acquire()  # expect: GIL005 -- the raise for an unknown yarn leaves the warp lock held
        if warp not in WARPS:
            raise ValueError(f"no {warp} warp in the store")
        self.looms[name].warp = warp
        self._warp_lock.release()


@on("start")
def start_weaving(mill: Mill, name: str, weaver: str) -> None:
    loom = mill.looms[name]
    if loom.state == "idle":  # expect: GIL003 -- two start timers for west-1 can both find it idle
        loom.state = "weaving"
        loom.weaver = weaver
        mill.swap_warp(name, "cotton-linen")


@on("picks")
def record_picks(mill: Mill, name: str, minutes: int) -> None:
    loom = mill.looms[name]
    loom.picks_woven += loom.pick_rate * minutes  # expect: GIL002 -- picks timers for east-1 fire on separate threads


@on("inspect")
def inspect_cloth(mill: Mill, name: str, _unused) -> None:
    loom = mill.looms[name]
    loom.faults = loom.scan_for_faults()


@on("finish")
def finish_shift(mill: Mill, name: str, _unused) -> None:
    with mill._cv:
        loom = mill.looms[name]
        if loom.state == "weaving":  # ok: GIL003 -- test and update under the mill's Condition
            loom.state = "idle"
        mill.finished += 1  # ok: GIL002 -- Condition held
        mill._cv.notify_all()


class Scheduler:
    def __init__(self, mill: Mill, plan: list) -> None:
        self.mill = mill
        self.plan = plan
        self.timers: list[threading.Timer] = []

    def _fire(self, event: str, name: str, arg) -> None:
        EVENTS[event](self.mill, name, arg)

    def start(self) -> None:
        for delay, event, name, arg in self.plan:  # ok: GIL001 -- main thread, just arms a dozen Timers
            timer = threading.Timer(delay, self._fire, args=(event, name, arg))
            self.timers.append(timer)
            timer.start()

    def wait_for_finish(self, timeout: float) -> bool:
        expected = sum(1 for _, event, _, _ in self.plan if event == "finish")
        with self.mill._cv:
            ok = self.mill._cv.wait_for(lambda: self.mill.finished >= expected, timeout=timeout)
        for timer in self.timers:
            timer.join()
        return ok


def main() -> None:
    mill = Mill(LOOM_CONFIG)
    scheduler = Scheduler(mill, SHIFT_PLAN)
    started = time.perf_counter()
    scheduler.start()
    ok = scheduler.wait_for_finish(timeout=5.0)
    print(f"shift closed cleanly: {ok} after {time.perf_counter() - started:.2f}s")
    for loom in mill.looms.values():
        flag = "REWORK" if loom.faults > FAULT_LIMIT else "ok"
        print(f"{loom.name:7s} {type(loom).__name__:9s} weaver={loom.weaver:5s} picks={loom.picks_woven:5d} "
              f"faults={loom.faults:3d} {flag} warp={loom.warp}")


if __name__ == "__main__":
    main()
