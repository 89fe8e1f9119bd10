"""Edition printing day in an etching studio, driven by asyncio.

Each edition is printed by a coroutine: warm and ink the plate, soak the paper, pull the impressions and
apply the finish registered for it. Aquatint grain screens are generated in a thread pool from the loop,
and the edition ledger (a file under a temporary directory) is written through asyncio.to_thread.
"""
import asyncio
import functools
import os
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

STUDIO = {
    "editions": [
        {"title": "Harbour at dusk", "plate": "harbour", "impressions": 3, "finish": "plain", "grain": 240},
        {"title": "Willows", "plate": "willows", "impressions": 2, "finish": "chine-colle", "grain": 220},
        {"title": "Market day", "plate": "market", "impressions": 3, "finish": "deckle", "grain": 260},
    ],
    "hotplate_target": 45,
    "hotplate_step_s": 0.002,
    "soak_s": 0.01,
    "grain_passes": 12,
    "grain_workers": 2,
}

FINISHES = {}


def finish(name):
    def register(fn):
        FINISHES[name] = fn
        return fn
    return register


@finish("plain")
def plain(record):
    return record


@finish("chine-colle")
async def chine_colle(record):
    await asyncio.sleep(0.005)  # ok: GIL004 -- asyncio.sleep, the loop keeps running
    record["finish"] = "chine-colle"
    return record


@finish("deckle")
def deckle(record):
    time.sleep(0.004)  # expect: GIL004 -- sync finish looked up in FINISHES and called by the coroutine print_edition
    record["finish"] = "torn deckle"
    return record


def pulls(spec):
    total = spec["impressions"]
    for n in range(1, total + 1):
        yield f"{n}/{total}"


class HotPlate:
    def __init__(self, step_s):
        self.temp = 20
        self.step_s = step_s

    def wait_for(self, target):
        while self.temp < target:
            time.sleep(self.step_s)  # expect: GIL004 -- reached from coroutine ink_plate through _warm
            self.temp += 5  # ok: GIL002 -- the hot plate is only touched on the event-loop thread


class Ledger:
    def __init__(self, path):
        self.path = path
        self.next_number = 1
        self.written = 0
        self._lock = threading.Lock()

    def reserve_number(self, record):
        self._lock.acquire()  # expect: GIL005 -- _validate can raise before release()
        self._validate(record)
        number = self.next_number
        self.next_number += 1  # ok: GIL002 -- between acquire() and release()
        self._lock.release()
        return number

    @staticmethod
    def _validate(record):
        if record["impressions"] <= 0:
            raise ValueError(f"empty edition {record['title']}")

    def write(self, record):
        self._lock.acquire()  # ok: GIL005 -- try/finally releases on every path
        try:
            with open(self.path, "a") as fh:  # ok: GIL004 -- write() runs via asyncio.to_thread, off the loop
                fh.write(f"{record['number']}\t{record['title']}\t{record['finish']}\n")
            self.written += 1  # ok: GIL002 -- lock held
        finally:
            self._lock.release()


def grain_screen(size, passes):
    return _rosin_pass(size, passes)


def _rosin_pass(size, passes):
    dots = 0
    for p in range(passes):  # expect: GIL001 -- passes x size^2 grain cells in pure Python on a pool thread
        for y in range(size):
            for x in range(size):
                if (x * 31 + y * 17 + p * 7) % 11 < 3:
                    dots += 1
    return dots


class EditionPrinter:
    def __init__(self, ledger, pool):
        self.ledger = ledger
        self.pool = pool
        self.hotplate = HotPlate(STUDIO["hotplate_step_s"])

    def _warm(self):
        self.hotplate.wait_for(STUDIO["hotplate_target"])

    async def ink_plate(self, plate):
        self._warm()
        await asyncio.sleep(0)
        return f"{plate} inked"

    async def print_edition(self, spec):
        loop = asyncio.get_running_loop()
        grain = loop.run_in_executor(self.pool, functools.partial(grain_screen, spec["grain"], STUDIO["grain_passes"]))
        record = dict(spec, number=await asyncio.to_thread(self.ledger.reserve_number, spec), finish="plain")
        for pull in pulls(spec):
            await self.ink_plate(spec["plate"])
            await asyncio.sleep(STUDIO["soak_s"])
            record.setdefault("pulls", []).append(pull)
        record = FINISHES[spec["finish"]](record)
        if asyncio.iscoroutine(record):
            record = await record
        record["dots"] = await grain
        await asyncio.to_thread(self.ledger.write, record)
        return record


async def load_registry(path):
    with open(path) as fh:  # expect: GIL004 -- plain file read inside async def
        return [line.rstrip("\n").split("\t") for line in fh]


async def studio_day(ledger_path):
    ledger = Ledger(ledger_path)
    with ThreadPoolExecutor(max_workers=STUDIO["grain_workers"]) as pool:
        printer = EditionPrinter(ledger, pool)
        records = await asyncio.gather(*(printer.print_edition(s) for s in STUDIO["editions"]))
    rows = await load_registry(ledger_path)
    return records, rows, ledger.written


def main():
    with tempfile.TemporaryDirectory(prefix="etcher_") as tmp:
        path = os.path.join(tmp, "editions.tsv")
        open(path, "w").close()
        records, rows, written = asyncio.run(studio_day(path))
    for r in records:
        print(f"#{r['number']} {r['title']:16s} x{r['impressions']} {r['finish']:12s} grain dots {r['dots']}")
    print(f"ledger rows {len(rows)}, written {written}")


if __name__ == "__main__":
    main()
