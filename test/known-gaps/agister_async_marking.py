"""Marking day: the agister brands (tail-marks) commoners' ponies and cattle.

An asyncio desk loads the marking tariff, assigns each animal a unique tail-mark through a
thread-safe MarkRegistry (called with asyncio.to_thread), weighs the day's takings, and
checks the register's integrity in a worker thread.
"""
import asyncio
import functools
import json
import logging
import os
import pathlib
import random
import tempfile
import threading
import time
from dataclasses import dataclass, field
from urllib.request import urlopen

log = logging.getLogger("agister.marking")


class MarkTaken(Exception):
    pass


@dataclass
class Animal:
    owner: str
    species: str
    colour: str
    marks: list = field(default_factory=list)


class MarkRegistry:
    """Tail-marks are cut in a pattern per district; each mark may be held only once."""

    def __init__(self):
        self._lock = threading.Lock()
        self._holders = {}
        self.history = []

    def _check_unique(self, mark):
        holder = self._holders.get(mark)
        if holder is not None:
            raise MarkTaken(f"{mark} already cut for {holder}")

    def assign(self, mark, owner):
        self._lock.acquire()  # expect: GIL005
        self._check_unique(mark)
        self._holders[mark] = owner
        self.history.append(("assign", mark, owner))
        self._lock.release()
        return mark

    def revoke(self, mark):
        self._lock.acquire()  # ok: GIL005
        try:
            owner = self._holders.pop(mark, None)
            if owner is None:
                return None
            self.history.append(("revoke", mark, owner))
            return owner
        finally:
            self._lock.release()

    def export(self):
        with self._lock:
            return sorted(self._holders.items())


def register_checksum(rows, rounds):
    """Fletcher-style checksum over the register, repeated for each audit round."""
    blob = "\n".join(f"{m}={o}" for m, o in rows).encode()
    a = b = 0
    for r in range(rounds):  # expect: GIL001
        for byte in blob:
            a = (a + byte + r) % 65521
            b = (b + a) % 65521
    return (b << 16) | a


def log_call(fn):
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        log.debug("-> %s", fn.__name__)
        result = await fn(*args, **kwargs)
        log.debug("<- %s", fn.__name__)
        return result

    return wrapper


class MarkingDesk:
    def __init__(self, workdir, district="NF"):
        self.workdir = pathlib.Path(workdir)
        self.district = district
        self.registry = MarkRegistry()
        self.tariff = {}
        self.takings = 0

    @property
    def tariff_url(self):
        return (self.workdir / "tariff.json").as_uri()

    @log_call
    async def load_tariff(self):
        with urlopen(self.tariff_url) as resp:  # expect: GIL004
            self.tariff = json.load(resp)
        return self.tariff

    @log_call
    async def brand(self, index, animal):
        mark = f"{self.district}-{animal.species[0].upper()}{index:03d}"
        await asyncio.to_thread(self.registry.assign, mark, animal.owner)
        animal.marks.append(mark)
        self.takings += self.tariff.get(animal.species, 0)  # ok: GIL002
        await asyncio.sleep(0)  # let the next animal into the crush
        return mark

    async def weigh_takings(self):
        def count_coins(amount):
            time.sleep(0.02)  # ok: GIL004
            return amount // 100, amount % 100

        return await asyncio.to_thread(count_coins, self.takings)

    async def audit(self, rounds):
        rows = self.registry.export()
        return await asyncio.to_thread(register_checksum, rows, rounds)


def write_tariff(workdir):
    path = os.path.join(workdir, "tariff.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"pony": 350, "cattle": 275, "donkey": 300, "pig": 80}, fh)


def herd_for_the_day(rng, n):
    owners = [f"commoner-{i}" for i in range(12)]
    return [Animal(rng.choice(owners), rng.choice(["pony", "cattle", "donkey"]),
                   rng.choice(["bay", "chestnut", "skewbald", "grey"])) for _ in range(n)]


async def main():
    logging.basicConfig(level=logging.INFO)
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as workdir:
        write_tariff(workdir)
        desk = MarkingDesk(workdir)
        started = time.perf_counter()
        await desk.load_tariff()
        animals = herd_for_the_day(rng, 60)
        marks = await asyncio.gather(*(desk.brand(i, a) for i, a in enumerate(animals)))
        revoked = await asyncio.to_thread(desk.registry.revoke, marks[0])
        pounds, pence = await desk.weigh_takings()
        checksum = await desk.audit(rounds=400)
    print(f"marked {len(marks)} animals, revoked one from {revoked}; takings {pounds}.{pence:02d}")
    print(f"register checksum {checksum:08x}; {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
