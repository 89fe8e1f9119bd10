"""Controller for a small lapidary workshop, driven by asyncio.

Jobs (stone, step) are run on the bench machines: the laps are spun up to the
right speed, the stone is cut or polished for a while, and the job card is
filed. Some machine drivers are synchronous; they are either pushed to a
worker thread or (in older code paths) called straight from a coroutine. A
coolant monitor runs in its own plain thread.
"""
import asyncio
import threading
import time
import urllib.request
from dataclasses import dataclass

CONFIG = {
    "remote_catalogue": False,       # look prices up on the supplier's site
    "catalogue_url": "http://catalogue.invalid/prices",
    "rpm": {"cut": 1200, "pre-polish": 600, "polish": 300},
}


@dataclass
class Job:
    stone: str
    step: str
    minutes: float


class LapMotor:
    """Synchronous driver for the lap motor."""

    def __init__(self, name):
        self.name = name
        self.rpm = 0
        self.guard = threading.Lock()

    def _wait_for_rpm(self, target):
        steps = max(0, -(-(target - self.rpm) // 400))
        for _ in range(steps):  # ok: GIL001 -- a few steps, each sleeps while the motor ramps
            self.rpm = min(target, self.rpm + 400)  # ok: GIL002 -- only called with self.guard held by spin_up
            time.sleep(0.002)  # the motor ramps up

    def spin_up(self, target):
        if not self.guard.acquire(blocking=False):  # ok: GIL005 -- nothing is held on this early return
            return False
        try:
            self._wait_for_rpm(target)
            return True
        finally:
            self.guard.release()

    def stop(self):
        self.rpm = 0


def coolant_monitor(stop, readings, period=0.005):
    """Plain thread: samples the coolant flow until the workshop closes."""
    samples = 0
    while not stop.is_set():  # ok: GIL001 -- sleeps between samples
        time.sleep(period)  # ok: GIL004 -- this is a thread, not a coroutine
        samples += 1  # ok: GIL002 -- local to the monitor thread
    readings.append(samples)


def price_of(stone):
    with urllib.request.urlopen(f"{CONFIG['catalogue_url']}?stone={stone}", timeout=2) as resp:  # ok: GIL004 -- sync, run via to_thread
        return float(resp.read())


class Workshop:
    def __init__(self, machines):
        self.machines = machines
        self.free = asyncio.Queue()
        for m in machines:
            self.free.put_nowait(m)
        self.cards = []
        self.minutes_run = 0.0
        self.by_step = {}
        self.prices = {}

    async def quote(self, stone):
        if CONFIG["remote_catalogue"]:
            with urllib.request.urlopen(CONFIG["catalogue_url"], timeout=2) as resp:  # expect: GIL004 -- blocking HTTP on the loop
                return float(resp.read())
        if stone not in self.prices:  # ok: GIL003 -- event-loop thread only, no await in between
            self.prices[stone] = 40.0 + 7 * len(stone)
        return self.prices[stone]

    async def run_job(self, job, legacy=False):
        motor = await self.free.get()
        try:
            target = CONFIG["rpm"][job.step]
            if legacy:
                motor.spin_up(target)  # expect: GIL004 -- sync driver sleeps while the lap ramps up
            else:
                await asyncio.to_thread(motor.spin_up, target)  # ok: GIL004 -- driver runs in a worker thread
            await asyncio.sleep(job.minutes / 1000)  # ok: GIL004 -- awaited; minutes scaled to ms
            motor.stop()
        finally:
            self.free.put_nowait(motor)
        self.minutes_run += job.minutes  # ok: GIL002 -- coroutines only, all on the loop thread
        self.by_step[job.step] = self.by_step.get(job.step, 0) + 1  # ok: GIL002 -- loop thread only
        price = await self.quote(job.stone)
        self.cards.append((job.stone, job.step, motor.name, price))

    async def run_all(self, jobs, legacy_every=4):
        await asyncio.gather(*(self.run_job(j, legacy=(i % legacy_every == 0)) for i, j in enumerate(jobs)))


async def catalogue_refresh(stones):
    """Background task: re-price stones from the remote list (when enabled)."""
    prices = {}
    for s in stones:
        if CONFIG["remote_catalogue"]:
            prices[s] = await asyncio.to_thread(price_of, s)  # ok: GIL004 -- the blocking urlopen runs in a thread
        await asyncio.sleep(0.001)
    return prices


def job_list():
    stones = ["aquamarine", "tourmaline", "peridot", "citrine", "iolite"]
    jobs = []
    for stone in stones:
        for step, minutes in (("cut", 12), ("pre-polish", 8), ("polish", 6)):
            jobs.append(Job(stone, step, minutes))
    return stones, jobs


async def main():
    stones, jobs = job_list()
    stop = threading.Event()
    readings = []
    monitor = threading.Thread(target=coolant_monitor, args=(stop, readings), name="coolant")
    monitor.start()
    shop = Workshop([LapMotor(f"lap-{i}") for i in range(3)])
    started = time.perf_counter()
    refresh = asyncio.create_task(catalogue_refresh(stones))
    await shop.run_all(jobs)
    await refresh
    stop.set()
    await asyncio.to_thread(monitor.join)
    elapsed = time.perf_counter() - started

    for stone in stones:
        steps = [c for c in shop.cards if c[0] == stone]
        print(f"{stone:11s} {' / '.join(f'{c[1]} on {c[2]}' for c in steps)}  quote {steps[0][3]:.0f}")
    print(f"{len(shop.cards)} jobs, {shop.minutes_run:.0f} bench minutes, per step {shop.by_step}")
    print(f"coolant sampled {readings[0]} times in {elapsed:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
