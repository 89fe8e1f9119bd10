"""Toll ledger of a canal company.

Toll clerks (pool threads) issue tickets through tollers made by a factory and
book the pence in the company ledger; the engineer's office integrates the
lockage water used on each pound in the same pool.
"""
import functools
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("toll_ledger")

RATE_CARD = {"coal": 2, "stone": 3, "grain": 4, "timber": 3, "merchandise": 6}
EXTRAS = {"night": 12, "empty_return": -4, "fly_boat": 20}
SECTIONS = [
    {"name": "Summit pound", "locks": 9, "steps": 900_000},
    {"name": "Long pound", "locks": 3, "steps": 1_000_000},
    {"name": "Basin reach", "locks": 12, "steps": 1_100_000},
]


@dataclass
class Boat:
    name: str
    cargo: str
    tons: int
    miles: int
    flags: tuple = ()


@dataclass
class Ledger:
    company: str
    by_cargo: dict = field(default_factory=dict)
    tickets: list = field(default_factory=list)
    _rlock: threading.RLock = field(default_factory=threading.RLock)

    def book(self, boat: Boat, pence: int) -> None:
        with self._rlock:
            self.by_cargo[boat.cargo] = self.by_cargo.get(boat.cargo, 0) + pence  # ok: GIL002
            self._note(boat, pence)

    def _note(self, boat: Boat, pence: int) -> None:
        with self._rlock:  # re-entered from book()
            self.tickets.append((boat.name, pence))


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        log.debug("%s(%s)", fn.__name__, ", ".join(map(repr, args)))
        return fn(*args, **kwargs)
    return wrapper


def make_toller(rate_card: dict, extras: dict, ledger: Ledger):
    """Build the clerk's toll function; it also counts the tickets it issues."""
    tickets_issued = 0

    @logged
    def toll_for(boat: Boat) -> int:
        nonlocal tickets_issued
        base = rate_card[boat.cargo] * boat.tons * boat.miles
        surcharge = sum(extras[f] for f in boat.flags if f in extras)  # ok: GIL001
        time.sleep(0.002)  # the clerk writes the ticket out by hand
        tickets_issued += 1  # expect: GIL002
        ledger.book(boat, base + surcharge)
        return base + surcharge

    def issued() -> int:
        return tickets_issued

    return toll_for, issued


def make_water_integrator(**cfg):
    """Build the engineer's integrator for lockage water on one pound."""
    chamber_cubic_ft = cfg.get("chamber_cubic_ft", 7_200)
    leak_per_step = cfg.get("leak_per_step", 0.0003)

    def integrate(section: dict) -> tuple:
        level, used = 1.0, 0.0
        for step in range(section["steps"]):  # expect: GIL001
            level -= leak_per_step * level
            if step % 97 == 0:
                used += chamber_cubic_ft * section["locks"] * (1.0 - level)
                level = 1.0
        return section["name"], round(used)

    return integrate


def fleet():
    cargoes = list(RATE_CARD)
    flag_sets = [(), ("night",), ("empty_return",), ("fly_boat", "night")]
    for i in range(16):
        yield Boat(f"No. {100 + i}", cargoes[i % len(cargoes)], 10 + i % 7, 5 + i % 11,
                   flag_sets[i % len(flag_sets)])


def run_office(pool_size: int = 4) -> dict:
    ledger = Ledger("Grand Union Canal Co.")
    toll_for, issued = make_toller(RATE_CARD, EXTRAS, ledger)
    integrate = make_water_integrator(chamber_cubic_ft=7_500, leak_per_step=0.0004)
    boats = list(fleet())
    with ThreadPoolExecutor(max_workers=pool_size, thread_name_prefix="clerk") as pool:
        water = dict(pool.map(integrate, SECTIONS))
        tolls = list(pool.map(toll_for, boats))
    expected = sum(
        RATE_CARD[b.cargo] * b.tons * b.miles + sum(EXTRAS[f] for f in b.flags) for b in boats
    )
    return {
        "ledger": ledger,
        "water": water,
        "tolls": tolls,
        "issued": issued(),
        "boats": len(boats),
        "expected_pence": expected,
    }


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    t0 = time.perf_counter()
    result = run_office()
    ledger = result["ledger"]
    booked = sum(ledger.by_cargo.values())
    print(f"{ledger.company}: tickets issued {result['issued']} (expected {result['boats']}), "
          f"booked {booked} pence (expected {result['expected_pence']})")
    for name, cubic_ft in result["water"].items():
        print(f"  {name:<13} {cubic_ft:>12,} cu ft of lockage water")
    print(f"office closed in {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
