"""Lost-wax casting day at a goldsmith's, on asyncio.

For every flask the event loop runs the kiln burnout (an async context manager limits kiln slots), casts
with the caster class configured for the alloy, and logs the result; the shrinkage model of each wax tree
is solved on the loop's default thread pool meanwhile. A Timer-driven watchdog checks the thermocouples.
"""
import asyncio
import functools
import os
import tempfile
import threading
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass

FOUNDRY = {
    "flasks": [
        {"id": "F1", "alloy": "18k-yellow", "trees": 12, "grams": 85},
        {"id": "F2", "alloy": "14k-white", "trees": 8, "grams": 60},
        {"id": "F3", "alloy": "22k-yellow", "trees": 6, "grams": 110},
    ],
    "alloys": {
        "18k-yellow": {"caster": "centrifugal", "shrink": 0.0125},
        "14k-white": {"caster": "vacuum", "shrink": 0.0135},
        "22k-yellow": {"caster": "centrifugal", "shrink": 0.0120},
    },
    "burnout_steps": [(150, 0.004), (370, 0.004), (730, 0.006)],
    "spin_s": 0.003,
    "mesh_per_tree": 100_000,
    "kiln_slots": 2,
    "thermocouples": [731, 728, 733, 729],
}

MODEL_STATS = {}
_stats_lock = threading.Lock()


@dataclass
class Flask:
    id: str
    alloy: str
    trees: int
    grams: int


class Caster:
    def __init__(self, spin_s):
        self.spin_s = spin_s

    def pour(self, flask):
        return flask.grams * 0.97


class CentrifugalCaster(Caster):
    def pour(self, flask):
        grams = super().pour(flask)
        self._spin()
        return grams

    def _spin(self):
        time.sleep(self.spin_s)  # expect: GIL004 -- reached from coroutine run_flask via pour(), blocks the loop


class VacuumCaster(Caster):
    def pour(self, flask):
        self._evacuate()
        return flask.grams * 0.99

    def _evacuate(self):
        time.sleep(self.spin_s / 2)  # expect: GIL004 -- same path for white-gold flasks


CASTERS = {"centrifugal": CentrifugalCaster, "vacuum": VacuumCaster}


def shrinkage_model(trees, mesh, shrink):
    strain = _solve(trees * mesh, shrink)
    MODEL_STATS["runs"] = MODEL_STATS.get("runs", 0) + 1  # expect: GIL002 -- executor threads share MODEL_STATS, no lock
    with _stats_lock:
        MODEL_STATS["cells"] = MODEL_STATS.get("cells", 0) + trees * mesh  # ok: GIL002 -- _stats_lock held
    return strain


def _solve(cells, shrink):
    strain = 0.0
    for i in range(cells):  # expect: GIL001 -- trees x mesh_per_tree cells in pure Python on an executor thread
        local = shrink * (1.0 + (i % 17) / 170.0)
        strain = strain * 0.999 + local * 0.001
    return strain


class ScrapLedger:
    def __init__(self, path):
        self.path = path

    def save(self, flask_id, grams):
        with open(self.path, "a") as fh:  # ok: GIL004 -- save() is called through asyncio.to_thread
            fh.write(f"{flask_id}\t{grams:.2f}\n")


class KilnWatchdog:
    def __init__(self, readings, limit):
        self.readings = readings
        self.limit = limit
        self.alarms = []

    def __call__(self):
        for n, temp in enumerate(self.readings):  # ok: GIL001 -- four thermocouples
            if temp > self.limit:
                self.alarms.append((n, temp))


class Foundry:
    def __init__(self, log_path, scrap):
        self.log_path = log_path
        self.scrap = scrap
        self.kiln = None
        self.poured = {}

    @asynccontextmanager
    async def kiln_slot(self):
        if self.kiln is None:
            self.kiln = asyncio.Semaphore(FOUNDRY["kiln_slots"])
        async with self.kiln:
            yield

    async def run_flask(self, flask):
        loop = asyncio.get_running_loop()
        alloy = FOUNDRY["alloys"][flask.alloy]
        model = loop.run_in_executor(None, functools.partial(
            shrinkage_model, flask.trees, FOUNDRY["mesh_per_tree"], alloy["shrink"]))
        async with self.kiln_slot():
            for temp, hold in FOUNDRY["burnout_steps"]:
                await asyncio.sleep(hold)  # ok: GIL004 -- asyncio.sleep
        caster = CASTERS[alloy["caster"]](FOUNDRY["spin_s"])
        cast_g = caster.pour(flask)
        if flask.id not in self.poured:  # ok: GIL003 -- poured is only touched by coroutines on the loop thread
            self.poured[flask.id] = cast_g
        strain = await model
        await asyncio.to_thread(self.scrap.save, flask.id, flask.grams - cast_g)
        await self.write_log(flask, cast_g, strain)
        return flask.id, cast_g, strain

    async def write_log(self, flask, grams, strain):
        with open(self.log_path, "a") as fh:  # expect: GIL004 -- blocking file write inside async def
            fh.write(f"{flask.id} {flask.alloy} {grams:.2f} g strain {strain:.5f}\n")


async def casting_day(foundry, flasks):
    return await asyncio.gather(*(foundry.run_flask(f) for f in flasks))


def main():
    with tempfile.TemporaryDirectory(prefix="casting_") as tmp:
        foundry = Foundry(os.path.join(tmp, "casting.log"), ScrapLedger(os.path.join(tmp, "scrap.tsv")))
        flasks = [Flask(**spec) for spec in FOUNDRY["flasks"]]
        watchdog = KilnWatchdog(FOUNDRY["thermocouples"], 732)
        timer = threading.Timer(0.005, watchdog)
        timer.start()
        results = asyncio.run(casting_day(foundry, flasks))
        timer.join()
        with open(os.path.join(tmp, "casting.log")) as fh:
            log_lines = fh.read().splitlines()
    for fid, grams, strain in results:
        print(f"{fid}: cast {grams:.2f} g, shrinkage strain {strain:.5f}")
    print(f"model runs {MODEL_STATS.get('runs')}, cells {MODEL_STATS.get('cells')}")
    print(f"log lines {len(log_lines)}, kiln alarms {watchdog.alarms}")


if __name__ == "__main__":
    main()
