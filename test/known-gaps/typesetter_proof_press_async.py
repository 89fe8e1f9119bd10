"""Proof-press controller for the composing room.

Proof jobs are driven by an asyncio loop through a list of named steps; each
step is a coroutine registered with @step(...) and looked up by name from the
job's recipe.  An InkMonitor thread watches the fountain and tops it up while
the coroutines draw ink from it.  A blanket wash runs on the default executor.
"""
import asyncio
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field

PRESS_CONFIG = {
    "recipe": ["plate", "ink", "pull", "wash", "log"],
    "jobs": 6,
    "ink_per_pull": 7,
    "low_water": 30,
    "refill": 60,
    "cure_seconds_per_plate": 0.004,
}

STEPS = {}


def step(name):
    def register(coro):
        STEPS[name] = coro
        return coro
    return register


@dataclass
class ProofJob:
    name: str
    plates: int
    pulls: int
    log: list = field(default_factory=list)


class UVLamp:
    def __init__(self, seconds_per_plate):
        self.seconds_per_plate = seconds_per_plate

    def expose(self, plates):
        time.sleep(self.seconds_per_plate * plates)  # expect: GIL004 -- reached from the async step make_plate via Press._cure_plate; stalls the event loop


class Press:
    def __init__(self, config, log_path):
        self.config = config
        self.ink_level = 100
        self.sheets = 0
        self.log_path = log_path
        self.lamp = UVLamp(config["cure_seconds_per_plate"])
        self._sheet_lock = threading.Lock()

    @property
    def ink_low(self):
        return self.ink_level < self.config["low_water"]

    def _cure_plate(self, job):
        self.lamp.expose(job.plates)

    @staticmethod
    def _wash_blanket(job):
        time.sleep(0.01)  # ok: GIL004 -- only ever run through run_in_executor, on a pool thread
        return f"{job.name}: blanket washed"

    async def run(self, job):
        for name in self.config["recipe"]:
            await STEPS[name](self, job)
        return job


@step("plate")
async def make_plate(press, job):
    await asyncio.sleep(0.002)  # ok: GIL004 -- awaited asyncio.sleep yields to the loop
    press._cure_plate(job)
    job.log.append("plate cured")


@step("ink")
async def ink_up(press, job):
    while press.ink_low:
        await asyncio.sleep(0.001)
    job.log.append("inked")


@step("pull")
async def pull_proofs(press, job):
    for _ in range(job.pulls):
        press.ink_level -= press.config["ink_per_pull"]  # expect: GIL002 -- the InkMonitor thread also rewrites ink_level, no lock on either side
        with press._sheet_lock:
            press.sheets += 1  # ok: GIL002 -- under press._sheet_lock
        await asyncio.sleep(0)
    job.log.append(f"{job.pulls} pulls")


@step("wash")
async def wash(press, job):
    loop = asyncio.get_running_loop()
    job.log.append(await loop.run_in_executor(None, press._wash_blanket, job))


@step("log")
async def write_log(press, job):
    with open(press.log_path, "a") as fh:  # expect: GIL004 -- blocking file open/write inside a coroutine, on the event loop thread
        fh.write(f"{job.name}: {'; '.join(job.log)}\n")


class InkMonitor(threading.Thread):
    def __init__(self, press, period=0.003):
        super().__init__(daemon=True)
        self.press = press
        self.period = period
        self.stopped = threading.Event()
        self.refills = 0

    def run(self):
        while not self.stopped.wait(self.period):  # ok: GIL001 -- sleeps between checks of the fountain
            self.check_fountain()

    def check_fountain(self):
        if self.press.ink_level < self.press.config["low_water"]:  # expect: GIL003 -- pull_proofs draws ink on the loop thread between this test and the refill
            self.press.ink_level += self.press.config["refill"]  # expect: GIL002 -- read-modify-write of ink_level shared with the event-loop thread
            self.refills += 1  # ok: GIL002 -- refills is only written by this monitor thread


async def print_run(press, jobs):
    return await asyncio.gather(*(press.run(job) for job in jobs))


def main(config=PRESS_CONFIG):
    with tempfile.TemporaryDirectory() as tmp:
        press = Press(config, os.path.join(tmp, "proofs.log"))
        monitor = InkMonitor(press)
        monitor.start()
        jobs = [ProofJob(f"galley-{n}", plates=1 + n % 3, pulls=4 + n) for n in range(config["jobs"])]
        done = asyncio.run(print_run(press, jobs))
        monitor.stopped.set()
        monitor.join()
        with open(press.log_path) as fh:
            lines = fh.read().splitlines()
    print(f"jobs: {len(done)}  sheets pulled: {press.sheets}  log lines: {len(lines)}")
    print(f"ink left: {press.ink_level}  refills: {monitor.refills}")


if __name__ == "__main__":
    main()
