"""The herald's press: proclamations are composed, wrapped and sealed by press threads.

Decrees flow through a generator pipeline (compose -> wrap); each press thread computes
the seal of its decrees and announces every sealed decree on a small callback bus.
"""
import logging
import textwrap
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("herald.press")

TOWNS = ["Wessex", "Mercia", "Kent", "Essex", "Sussex", "Deira", "Bernicia", "Lindsey"]
SUBJECTS = ["the fair", "the toll", "the curfew", "the muster", "the assize"]
PRESS_OPTIONS = {"width": 44, "rounds": 36}

_scratch = threading.local()


@dataclass
class Decree:
    number: int
    town: str
    subject: str
    body: str


class Bus:
    """A callback registry: subscribers are registered by the main thread before the presses run."""

    def __init__(self):
        self._subs = {}

    def subscribe(self, topic):
        def register(fn):
            self._subs.setdefault(topic, []).append(fn)
            return fn
        return register

    def emit(self, topic, *args, **kwargs):
        for fn in self._subs.get(topic, ()):
            fn(*args, **kwargs)


def make_tally():
    """Factory for a sealed-decree counter (a closure over a nonlocal cell)."""
    sealed = 0

    def tally(decree, seal):
        nonlocal sealed
        sealed += 1  # expect: GIL002
    tally.count = lambda: sealed
    return tally


def make_town_ledger():
    lock = threading.Lock()
    towns = {}

    def ledger(decree, seal):
        with lock:
            towns[decree.town] = towns.get(decree.town, 0) + 1  # ok: GIL002
    return ledger, towns


def compose(batch):
    for number, (town, subject) in batch:
        body = (f"Hear ye, hear ye! By order of the council of {town}, concerning {subject}: "
                f"let every householder of {town} attend, and let none plead ignorance of "
                f"{subject}, upon pain of the fine set down in the rolls of the year, "
                f"proclaimed at the market cross of {town} this day, number {number}.")
        yield Decree(number, town, subject, body)


def wrap(decrees, width):
    for decree in decrees:
        yield decree, textwrap.wrap(decree.body, width)


def note_lines(n):
    """Per-thread line count kept on a threading.local."""
    if not hasattr(_scratch, "lines"):  # ok: GIL003
        _scratch.lines = 0
    _scratch.lines += n  # ok: GIL002
    return _scratch.lines


class Press:
    def __init__(self, bus, **options):
        self.bus = bus
        self.options = options
        self.results = []
        self.threads = []
        self._target = self._seal_all

    def _seal_all(self, batch, width=40, rounds=20):
        for decree, lines in wrap(compose(batch), width):  # expect: GIL001
            seal = 0
            for r in range(rounds):
                for line in lines:
                    for ch in line:
                        seal = (seal * 131 + ord(ch) + r) & 0xFFFFFFFF
            note_lines(len(lines))
            self.results.append((decree.number, seal))
            self.bus.emit("sealed", decree, seal)
        log.info("%s sealed %d decrees (%d lines)", threading.current_thread().name,
                 len(batch), getattr(_scratch, "lines", 0))

    def start(self, batches):
        for i, batch in enumerate(batches):
            t = threading.Thread(target=self._target, args=(batch,), kwargs=self.options,
                                 name=f"press-{i}")
            self.threads.append(t)
            t.start()

    def wait(self):
        for t in self.threads:
            t.join()


def deal(items, hands):
    return [items[i::hands] for i in range(hands)]


def main():
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    bus = Bus()
    tally = bus.subscribe("sealed")(make_tally())
    ledger, towns = make_town_ledger()
    bus.subscribe("sealed")(ledger)

    decrees = [(n, (TOWNS[n % len(TOWNS)], SUBJECTS[n % len(SUBJECTS)])) for n in range(120)]
    press = Press(bus, **PRESS_OPTIONS)
    t0 = time.perf_counter()
    press.start(deal(decrees, 3))
    press.wait()
    elapsed = time.perf_counter() - t0

    print(f"sealed (tally) = {tally.count()} (expected {len(decrees)})")
    print(f"sealed (ledger) = {sum(towns.values())}; towns: {dict(sorted(towns.items()))}")
    first = sorted(press.results)[:3]
    print(f"first seals: {first}")
    print(f"press run took {elapsed:.2f}s")


if __name__ == "__main__":
    main()
