"""Fairground ride takings for a week on the common.

The showman replays every ride's ticket-machine roll for each day (one
pool task per ride per day): every ticket is priced with the child, family and
last-hour discounts and the day's takings go into the fair's cash ledger.
"""
import logging
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

log = logging.getLogger("showman.takings")

RIDES = {
    "Gallopers": 30,      # pence per adult ride
    "Cakewalk": 20,
    "Steam Yachts": 40,
}
DAYS = ["Thu", "Fri", "Sat"]
TICKETS_PER_DAY = 15_000
DISCOUNTS = {
    "child": 0.5,
    "family": 0.1,
    "last_hour": 0.25,
}


@dataclass(frozen=True)
class Ticket:
    minute: int      # minutes after opening
    child: bool
    family: bool


class CashLedger:
    """The fair's cash book; shared by every pool task."""

    def __init__(self) -> None:
        self._pence = 0
        self._lock = threading.Lock()
        self.best_day: dict[str, tuple] = {}

    @property
    def pence(self) -> int:
        return self._pence

    @pence.setter
    def pence(self, value: int) -> None:
        self._pence = value

    def note_best(self, ride: str, day: str, total: int) -> None:
        with self._lock:
            if ride not in self.best_day or total > self.best_day[ride][1]:  # ok: GIL003
                self.best_day[ride] = (day, total)


def ticket_roll(ride: str, day: str, count: int):
    rng = random.Random(f"{ride}/{day}")
    for _ in range(count):
        yield Ticket(rng.randrange(600), rng.random() < 0.35, rng.random() < 0.2)


def price_day(ride: str, fare: int, tickets, **discounts) -> int:
    child_off = discounts.get("child", 0.5)
    family_off = discounts.get("family", 0.1)
    last_hour_off = discounts.get("last_hour", 0.25)
    total = 0
    for ticket in tickets:  # expect: GIL001
        price = fare * (1 - child_off) if ticket.child else fare
        if ticket.family:
            price *= 1 - family_off
        if ticket.minute >= 540:
            price *= 1 - last_hour_off
        total += int(price)
    return total


class TakingsTask:
    def __init__(self, ledger: CashLedger, ride: str, day: str, **options) -> None:
        self.ledger = ledger
        self.ride = ride
        self.day = day
        self.options = options

    def __call__(self) -> tuple:
        tickets = ticket_roll(self.ride, self.day, self.options.pop("tickets", TICKETS_PER_DAY))
        total = price_day(self.ride, RIDES[self.ride], tickets, **self.options)
        self.ledger.pence += total  # expect: GIL002
        self.ledger.note_best(self.ride, self.day, total)
        return self.ride, self.day, total


def run_week(ledger: CashLedger, workers: int, **discounts) -> dict:
    per_ride: dict[str, int] = {}
    tasks = [TakingsTask(ledger, ride, day, **discounts) for ride in RIDES for day in DAYS]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="till") as pool:
        futures = [pool.submit(task) for task in tasks]
        for fut in as_completed(futures):
            ride, day, total = fut.result()
            per_ride[ride] = per_ride.get(ride, 0) + total  # ok: GIL002
            log.info("%-12s %s %6.2f pounds", ride, day, total / 100)
    return per_ride


def pounds(pence: int) -> str:
    return f"{pence / 100:,.2f} pounds"


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)-8s %(message)s")
    ledger = CashLedger()
    ledger.pence += 500  # ok: GIL002
    started = time.perf_counter()
    per_ride = run_week(ledger, workers=3, **DISCOUNTS)
    elapsed = time.perf_counter() - started
    for ride, pence in sorted(per_ride.items()):
        day, best = ledger.best_day[ride]
        print(f"{ride:<12} {pounds(pence):>18} (best day {day}: {pounds(best)})")
    expected = 500 + sum(per_ride.values())
    print(f"cash book {pounds(ledger.pence)} (expected {pounds(expected)})")
    print(f"takings replayed in {elapsed:.2f}s")


if __name__ == "__main__":
    main()
