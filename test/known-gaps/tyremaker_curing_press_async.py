"""Curing press cell controller.

One coroutine drives each press through the steps of its recipe. Step handlers are callable
objects registered by name; the cycle archive is a JSON-lines file written from worker threads.
"""
import asyncio
import functools
import json
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field

RECIPES = {
    "passenger_205": {"steps": ["close", "shape", "cure", "vent", "open"], "cure_ticks": 5, "setpoint_c": 171},
    "truck_315": {"steps": ["close", "shape", "cure", "cure", "vent", "open"], "cure_ticks": 3, "setpoint_c": 152},
}

CELL = {
    "presses": [("P01", "passenger_205"), ("P02", "truck_315"), ("P03", "passenger_205")],
    "settle_s": 0.002,
    "tick_s": 0.003,
    "bladder_bar": 14.5,
}

STEP_HANDLERS = {}


def step(name):
    """Class decorator: instantiate the handler once and file it under the recipe step name."""
    def register(cls):
        STEP_HANDLERS[name] = cls(name)
        return cls
    return register


class Thermocouple:
    def __init__(self, channel, settle_s):
        self.channel = channel
        self.settle_s = settle_s
        self._drift = 0.0

    def read(self, setpoint):
        self._settle()
        self._drift = (self._drift + 0.37 * self.channel) % 3.0  # ok: GIL002 -- one sensor per press, read only by coroutines on the loop thread
        return setpoint - 1.5 + self._drift

    def _settle(self):
        time.sleep(self.settle_s)  # expect: GIL004 -- CureStep.apply (a coroutine) reads press.temperature -> Thermocouple.read -> here


@dataclass
class Press:
    name: str
    recipe_name: str
    sensor: Thermocouple
    state: str = "open"
    cycles: int = 0
    log: list = field(default_factory=list)

    @property
    def recipe(self):
        return RECIPES[self.recipe_name]

    @property
    def temperature(self):
        return self.sensor.read(self.recipe["setpoint_c"])

    @classmethod
    def from_config(cls, index, name, recipe_name):
        return cls(name, recipe_name, Thermocouple(index + 1, CELL["settle_s"]))


class Step:
    def __init__(self, name):
        self.name = name

    async def __call__(self, press):
        started = time.perf_counter()
        await self.apply(press)
        return {"press": press.name, "step": self.name, "ms": round((time.perf_counter() - started) * 1000, 1)}

    async def apply(self, press):
        await asyncio.sleep(0)


@step("close")
class CloseStep(Step):
    async def apply(self, press):
        if press.state == "open":  # ok: GIL003 -- only the event-loop thread touches press.state and there is no await in between
            press.state = "closed"
        await asyncio.sleep(CELL["tick_s"])


@step("shape")
class ShapeStep(Step):
    async def apply(self, press):
        press.log.append(("bladder", CELL["bladder_bar"]))
        await asyncio.sleep(CELL["tick_s"])  # ok: GIL004 -- asyncio.sleep yields to the loop


@step("cure")
class CureStep(Step):
    async def apply(self, press):
        for _ in range(press.recipe["cure_ticks"]):
            press.log.append(("temp", round(press.temperature, 2)))
            await asyncio.sleep(CELL["tick_s"])


@step("vent")
class VentStep(Step):
    pass


@step("open")
class OpenStep(Step):
    async def apply(self, press):
        press.state = "open"
        press.cycles += 1  # ok: GIL002 -- coroutines only, all on the one event-loop thread
        await asyncio.sleep(0)


class CycleArchive:
    def __init__(self, path):
        self.path = path
        self._lock = threading.Lock()
        self.closed_presses = set()
        self.records_written = 0

    def write_record(self, record):
        self._lock.acquire()  # expect: GIL005 -- the early return for a closed press leaves with the lock held
        if record["press"] in self.closed_presses:  # ok: GIL003 -- tested with _lock held (acquired just above)
            return False
        with open(self.path, "a") as fh:  # ok: GIL004 -- write_record runs in a worker thread (asyncio.to_thread)
            fh.write(json.dumps(record) + "\n")
        self.records_written += 1  # ok: GIL002 -- _lock is held on this path
        self._lock.release()
        return True

    def close_press(self, name):
        if not self._lock.acquire(timeout=1.0):  # ok: GIL005 -- the failed-acquire path owns no lock; the rest is try/finally
            return False
        try:
            self.closed_presses.add(name)
            return True
        finally:
            self._lock.release()


async def run_press(press, archive):
    steps = [STEP_HANDLERS[name] for name in press.recipe["steps"]]
    for handler in steps:
        record = await handler(press)
        await asyncio.to_thread(archive.write_record, record)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, functools.partial(archive.close_press, press.name))
    return press


async def run_cell(archive):
    presses = [Press.from_config(i, name, recipe) for i, (name, recipe) in enumerate(CELL["presses"])]
    return await asyncio.gather(*(run_press(p, archive) for p in presses))


def main():
    tmpdir = tempfile.mkdtemp(prefix="cure-")
    archive = CycleArchive(os.path.join(tmpdir, "cycles.jsonl"))
    started = time.perf_counter()
    done = asyncio.run(run_cell(archive))
    elapsed = time.perf_counter() - started
    for press in done:
        temps = [v for kind, v in press.log if kind == "temp"]
        print(f"{press.name}: {press.recipe_name} cycles={press.cycles} state={press.state} "
              f"temps={len(temps)} mean={sum(temps) / len(temps):.1f}")
    with open(archive.path) as fh:
        lines = fh.readlines()
    print(f"archived {archive.records_written} records ({len(lines)} lines), closed={sorted(archive.closed_presses)}")
    print(f"cell time {elapsed:.3f}s")
    os.remove(archive.path)
    os.rmdir(tmpdir)


if __name__ == "__main__":
    main()
