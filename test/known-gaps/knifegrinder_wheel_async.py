"""A knife-grinder's day on asyncio: tickets, a rack of wheels, and the bench.

Customers get a numbered ticket (issued in a worker thread against a lock-guarded book), each
blade has a wheel fitted from the shared rack (worker threads again), and the bench coroutine
sharpens it; the job log is written from the default executor.
"""
import asyncio
import contextlib
import functools
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("knifegrinder.wheel")

DAY = {"spin_up_s": 0.006, "fetch_wheel_s": 0.004, "log_pause": 0.003, "bench_gap": 0.002}


@dataclass
class Blade:
    owner: str
    kind: str
    edge_cm: int


class Wheel:
    def __init__(self, grit):
        self.grit = grit
        self.turns = 0

    def describe(self):
        return f"{type(self).__name__}({self.grit})"


class Whetstone(Wheel):
    def __init__(self, grit, oiled=True):
        super().__init__(grit)
        self.oiled = oiled


GRIT_FOR = {"razor": 1000, "knife": 400, "shears": 600, "scythe": 120}


class WheelRack:
    def __init__(self, fetch_s):
        self.fetch_s = fetch_s
        self.wheels = {}
        self.fetched = []

    def fit(self, blade):
        if blade.kind not in self.wheels:  # expect: GIL003
            time.sleep(self.fetch_s)  # fetch it down from the cart
            wheel = Whetstone(GRIT_FOR[blade.kind]) if blade.kind == "razor" \
                else Wheel(GRIT_FOR[blade.kind])
            self.wheels[blade.kind] = wheel
            self.fetched.append(blade.kind)
        return self.wheels[blade.kind].describe()


class TicketBook:
    def __init__(self):
        self._lock = threading.Lock()
        self._next = 1
        self.tickets = {}

    def _next_number(self, owner):
        if not owner.strip():
            raise ValueError("a ticket needs a name")
        n = self._next
        self._next = n + 1
        return n

    def issue(self, owner):
        self._lock.acquire()  # expect: GIL005
        number = self._next_number(owner)
        self.tickets[number] = owner
        self._lock.release()
        return number

    def void(self, number):
        self._lock.acquire()  # ok: GIL005
        try:
            return self.tickets.pop(number, None)
        finally:
            self._lock.release()


def log_blade(path, ticket, blade, wheel, pause):
    with open(path, "a") as fh:
        fh.write(f"{ticket} {blade.owner} {blade.kind} {wheel}\n")
    time.sleep(pause)  # ok: GIL004
    return ticket


class Bench:
    def __init__(self, rack, book, log_path, **day):
        self.rack = rack
        self.book = book
        self.log_path = log_path
        self.day = day
        self.done = []
        self._bench_lock = asyncio.Lock()

    def spin_wheel(self, edge_cm):
        time.sleep(self.day["spin_up_s"] + edge_cm / 10000)  # expect: GIL004

    @contextlib.asynccontextmanager
    async def at_bench(self, blade):
        async with self._bench_lock:
            log.info("at the bench: %s's %s", blade.owner, blade.kind)
            yield
            await asyncio.sleep(self.day["bench_gap"])  # ok: GIL004

    async def sharpen(self, blade, wheel):
        async with self.at_bench(blade):
            self.spin_wheel(blade.edge_cm)
        return wheel

    async def serve(self, blade):
        loop = asyncio.get_running_loop()
        ticket = await asyncio.to_thread(self.book.issue, blade.owner)
        wheel = await asyncio.to_thread(self.rack.fit, blade)
        await self.sharpen(blade, wheel)
        job = functools.partial(log_blade, self.log_path, ticket, blade, wheel,
                                self.day["log_pause"])
        self.done.append(await loop.run_in_executor(None, job))
        return ticket


async def main(folder):
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    blades = [Blade("Mrs Pike", "knife", 20), Blade("Jem", "razor", 8),
              Blade("Mr Hobbs", "scythe", 70), Blade("Polly", "shears", 16),
              Blade("Dr Allen", "razor", 9), Blade("Cook", "knife", 24)]
    book = TicketBook()
    rack = WheelRack(DAY["fetch_wheel_s"])
    bench = Bench(rack, book, os.path.join(folder, "jobs.log"), **DAY)
    tickets = await asyncio.gather(*(bench.serve(b) for b in blades))
    book.void(tickets[-1])
    with open(bench.log_path) as fh:
        lines = fh.read().splitlines()
    print(f"tickets issued: {sorted(tickets)}; voided {tickets[-1]}")
    print(f"wheels fetched: {rack.fetched} (rack holds {sorted(rack.wheels)})")
    print(f"blades done: {len(bench.done)}, log lines: {len(lines)}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(main(tmp))
