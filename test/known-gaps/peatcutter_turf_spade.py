"""Peat cutting on the bank: cutters (Thread subclasses) stack sods, carters take cart loads
from the stack, and a clerk thread checksums the day's cutting logs.
"""
import hashlib
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("peatcutter.spade")


class PeatStack:
    """Sods drying in a stack at the bank top."""

    def __init__(self, name: str):
        self.name = name
        self._sods = 0
        self._lock = threading.Lock()
        self.short_loads = 0

    @property
    def sods(self) -> int:
        return self._sods

    @sods.setter
    def sods(self, value: int) -> None:
        if value < 0:
            log.debug("%s went negative (%d)", self.name, value)
        self._sods = value

    def available(self) -> int:
        return self._sods

    def take(self, n: int) -> int:
        with self._lock:
            self._sods -= n  # ok: GIL002
            return n


@dataclass
class SpadeWork:
    quota: int
    stroke_s: float
    log_path: str


class BankWorker(threading.Thread):
    def __init__(self, stack: PeatStack, *, role: str, **kwargs):
        super().__init__(name=f"{role}-{kwargs.pop('tag')}", **kwargs)
        self.stack = stack
        self.role = role


class BankCutter(BankWorker):
    def __init__(self, stack: PeatStack, work: SpadeWork, **kwargs):
        super().__init__(stack, role="cutter", **kwargs)
        self.work = work

    def run(self) -> None:
        with open(self.work.log_path, "a", encoding="utf-8") as fh:
            for n in range(self.work.quota):
                time.sleep(self.work.stroke_s)  # tusker stroke, lift, throw
                self.stack.sods += 1  # expect: GIL002
                fh.write(f"{self.name} sod {n}\n")


class Carter(BankWorker):
    def __init__(self, stack: PeatStack, *, loads: int, load_size: int, trip_s: float, **kwargs):
        super().__init__(stack, role="carter", **kwargs)
        self.loads = loads
        self.load_size = load_size
        self.trip_s = trip_s
        self.carted = 0

    def run(self) -> None:
        carted = 0
        tries = 0
        while carted < self.loads * self.load_size and tries < 400:
            tries += 1
            if self.stack.available() >= self.load_size:  # expect: GIL003
                time.sleep(0.001)  # backing the cart up to the stack
                carted += self.stack.take(self.load_size)
                time.sleep(self.trip_s)
            else:
                time.sleep(0.002)
        self.carted = carted


def checksum_logs(paths: list, block: int, out: dict) -> None:
    """Checksum each cutting log in large blocks (hashlib drops the GIL on big buffers)."""
    for path in paths:  # ok: GIL001
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            while True:
                chunk = fh.read(block)
                if not chunk:
                    break
                h.update(chunk)
        out[os.path.basename(path)] = h.hexdigest()[:16]


def seed_logs(folder: str, names: list, size: int) -> list:
    paths = []
    for name in names:
        p = os.path.join(folder, f"{name}.log")
        with open(p, "wb") as fh:
            fh.write(os.urandom(size))
        paths.append(p)
    return paths


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    stack = PeatStack("Bank 4 stack")
    with tempfile.TemporaryDirectory() as folder:
        old_logs = seed_logs(folder, ["monday", "tuesday", "wednesday"], 2 * 1024 * 1024)
        cutters = [BankCutter(stack, SpadeWork(40, 0.002, os.path.join(folder, f"cut{i}.log")), tag=i)
                   for i in range(3)]
        carters = [Carter(stack, loads=4, load_size=10, trip_s=0.004, tag=i) for i in range(2)]
        sums: dict = {}
        clerk = threading.Thread(target=checksum_logs, args=(old_logs, 256 * 1024, sums), name="clerk")
        t0 = time.perf_counter()
        for t in cutters + carters + [clerk]:
            t.start()
        for t in cutters + carters + [clerk]:
            t.join()
        elapsed = time.perf_counter() - t0
    cut = 40 * len(cutters)
    carted = sum(c.carted for c in carters)
    print(f"cut {cut} sods, carted {carted}, left on stack {stack.sods} (expected {cut - carted})")
    print(f"log checksums: {sums}")
    print(f"day done in {elapsed:.2f}s")


if __name__ == "__main__":
    main()
