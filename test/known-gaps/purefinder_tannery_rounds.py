"""Pure-finders' rounds: collectors fill pails on their rounds and deliver to the tannery.

Every finder walks a round (a thread whose target is a closure made by a factory),
and when the round is done a threading.Timer carries the pails to the tannery a
little later.  The tannery's bating vat has a fixed capacity; the tannery pays by
the pail.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

log = logging.getLogger("purefinder.rounds")

ROUNDS_CFG = {
    "finders": {"Old Moll": 5, "Bessy": 4, "Dan the Pole": 6, "Widow Hart": 3},
    "vat_capacity": 14,
    "pence_per_pail": 8,
    "step_s": 0.008,
    "cart_delay_s": 0.02,
}


@dataclass
class Vat:
    capacity: int
    contents: list[tuple[str, int]] = field(default_factory=list)

    @property
    def level(self) -> int:
        return sum(n for _, n in self.contents)

    @property
    def space(self) -> int:
        return self.capacity - self.level

    def pour(self, who: str, pails: int) -> None:
        self.contents.append((who, pails))


@dataclass
class Account:
    name: str
    pence: int = 0
    pails: int = 0


class Tannery:
    def __init__(self, vat: Vat, pence_per_pail: int):
        self.vat = vat
        self.rate = pence_per_pail
        self._till = threading.Lock()
        self.accounts: dict[str, Account] = {}
        self.turned_away: list[str] = []

    def accept(self, who: str, pails: int) -> bool:
        """Tip the pails into the bating vat if there is room, then pay."""
        if self.vat.space >= pails:  # expect: GIL003
            time.sleep(0.02)  # tipping the pails, one by one
            self.vat.pour(who, pails)
            self._pay(who, pails)
            return True
        self.turned_away.append(who)
        return False

    def _pay(self, who: str, pails: int) -> None:
        with self._till:
            if who not in self.accounts:  # ok: GIL003
                self.accounts[who] = Account(who)
            acct = self.accounts[who]
            acct.pence += pails * self.rate  # ok: GIL002
            acct.pails += pails


class Finder:
    def __init__(self, name: str, stops: int):
        self.name = name
        self.stops = stops
        self.pails = 0
        self.on_done: list[Callable[["Finder"], None]] = []

    def collect(self, step_s: float) -> int:
        time.sleep(step_s)  # scraping the flags by the kennels
        return 1


def make_round(finder: Finder, step_s: float) -> Callable[[], None]:
    """Build the thread target for one finder's round."""
    def walk() -> None:
        pails = 0
        for stop in range(finder.stops):  # ok: GIL001
            pails += finder.collect(step_s)  # ok: GIL002
            log.debug("%s at stop %d has %d pails", finder.name, stop, pails)
        finder.pails = pails
        for cb in finder.on_done:
            cb(finder)
    return walk


class Dispatcher:
    """Books a cart (a Timer) for each finder who finishes a round."""

    def __init__(self, tannery: Tannery, delay_s: float):
        self.tannery = tannery
        self.delay_s = delay_s
        self.carts: list[threading.Timer] = []
        self._carts_lock = threading.Lock()

    def book_cart(self, finder: Finder) -> None:
        cart = threading.Timer(self.delay_s, self.tannery.accept,
                               kwargs={"who": finder.name, "pails": finder.pails})
        cart.name = f"cart-{finder.name}"
        with self._carts_lock:
            self.carts.append(cart)
        cart.start()

    def wait_all(self) -> None:
        while True:
            with self._carts_lock:
                pending = [c for c in self.carts if c.is_alive()]
            if not pending:
                return
            for c in pending:
                c.join()


def run_day(cfg: dict) -> tuple[Tannery, list[Finder]]:
    tannery = Tannery(Vat(cfg["vat_capacity"]), cfg["pence_per_pail"])
    dispatch = Dispatcher(tannery, cfg["cart_delay_s"])
    finders = [Finder(name, stops) for name, stops in cfg["finders"].items()]
    walkers = []
    for f in finders:
        f.on_done.append(dispatch.book_cart)
        walkers.append(threading.Thread(target=make_round(f, cfg["step_s"]),
                                        name=f"round-{f.name}"))
    for w in walkers:
        w.start()
    for w in walkers:
        w.join()
    dispatch.wait_all()
    return tannery, finders


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    t0 = time.perf_counter()
    tannery, finders = run_day(ROUNDS_CFG)
    elapsed = time.perf_counter() - t0
    collected = sum(f.pails for f in finders)
    print(f"collected {collected} pails; vat holds {tannery.vat.level} "
          f"of {tannery.vat.capacity} (over by {max(0, -tannery.vat.space)})")
    for name, acct in sorted(tannery.accounts.items()):
        print(f"  {name:12s} {acct.pails} pails {acct.pence}d")
    print(f"turned away: {sorted(tannery.turned_away)}; day took {elapsed:.2f}s")


if __name__ == "__main__":
    main()
