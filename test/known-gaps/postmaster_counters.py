"""Post office counter hall: clerks call tickets from a queue and serve customers.

Each clerk claims a counter window when the shift opens, then serves customers until the
queue runs dry. Cash goes through a till that locks itself when used as a context manager.
"""
from __future__ import annotations

import collections
import logging
import queue
import threading
import time
from dataclasses import dataclass
from typing import Callable

log = logging.getLogger("postmaster.counters")

HALL_CONFIG = {
    "windows": ("1", "2", "3", "4"),
    "clerks": ["Mrs Pettigrew", "Mr Okafor", "Miss Lund", "Mr Hale", "Mrs Banerjee"],
    "customers": 40,
    "minute_scale": 0.0005,
    "float": 250.00,
}

FEES = {"stamps": 0.0, "parcel": 4.15, "postal_order": 1.00, "pension": 0.0, "licence": 0.0}

_clerk_stats = threading.local()


@dataclass
class Customer:
    ticket: int
    service: str
    amount: float
    minutes: int


class Till:
    """Cash drawer; `with till:` holds the drawer lock for the whole transaction."""

    def __init__(self, opening_float: float) -> None:
        self._lock = threading.Lock()
        self.cash = opening_float
        self.refused = 0

    def __enter__(self) -> "Till":
        self._lock.acquire()  # ok: GIL005
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        self._lock.release()
        return False


class Hall:
    def __init__(self, config: dict) -> None:
        self.windows = config["windows"]
        self.occupied: dict[str, str] = {}
        self.queue: queue.Queue = queue.Queue()
        self.served: collections.defaultdict = collections.defaultdict(int)
        self.till = Till(config["float"])

    def claim_window(self, clerk_name: str) -> str | None:
        for window in self.windows:  # ok: GIL001
            if window not in self.occupied:  # expect: GIL003
                self.occupied[window] = clerk_name
                return window
        return None


class Clerk:
    def __init__(self, name: str, hall: Hall, minute_scale: float) -> None:
        self.name = name
        self.hall = hall
        self.minute_scale = minute_scale
        self.window: str | None = None
        self.work_fn: Callable[[], None] = self._serve_loop

    def _transact(self, customer: Customer) -> None:
        fee = FEES[customer.service]
        with self.hall.till as till:
            if customer.service == "pension":
                if till.cash >= customer.amount:  # ok: GIL003
                    till.cash -= customer.amount  # ok: GIL002
                else:
                    till.refused += 1  # ok: GIL002
            else:
                till.cash += customer.amount + fee  # ok: GIL002
        time.sleep(customer.minutes * self.minute_scale)

    def _serve_loop(self) -> None:
        self.window = self.hall.claim_window(self.name)
        if self.window is None:
            log.info("%s found no free window and goes to the back office", self.name)
            return
        _clerk_stats.served = 0
        while True:  # ok: GIL001
            try:
                customer = self.hall.queue.get(timeout=0.05)
            except queue.Empty:
                break
            try:
                self._transact(customer)
                self.hall.served[customer.service] += 1  # expect: GIL002
                _clerk_stats.served += 1  # ok: GIL002
            finally:
                self.hall.queue.task_done()
        log.info("%s at window %s served %d", self.name, self.window, _clerk_stats.served)


class Shift:
    def __init__(self, config: dict, starter: Callable[..., threading.Thread] | None = None) -> None:
        self.config = config
        self.hall = Hall(config)
        self._starter = starter or self._default_starter
        self.threads: list[threading.Thread] = []

    @staticmethod
    def _default_starter(fn: Callable[[], None], name: str) -> threading.Thread:
        thread = threading.Thread(target=fn, name=name)
        thread.start()
        return thread

    def admit(self, customers: list[Customer]) -> None:
        for customer in customers:
            self.hall.queue.put(customer)

    def open_counters(self) -> list[Clerk]:
        clerks = [Clerk(n, self.hall, self.config["minute_scale"]) for n in self.config["clerks"]]
        for clerk in clerks:
            self.threads.append(self._starter(clerk.work_fn, clerk.name))
        return clerks

    def close(self) -> None:
        self.hall.queue.join()
        for thread in self.threads:
            thread.join()


def customers_for(n: int) -> list[Customer]:
    services = ["stamps", "parcel", "postal_order", "pension", "licence"]
    return [Customer(i + 1, services[i % 5], round(5 + (i * 37) % 60, 2), 1 + i % 4)
            for i in range(n)]


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(threadName)s: %(message)s")
    shift = Shift(HALL_CONFIG)
    shift.admit(customers_for(HALL_CONFIG["customers"]))
    started = time.perf_counter()
    clerks = shift.open_counters()
    shift.close()
    seated = sorted((c.window, c.name) for c in clerks if c.window)
    print(f"windows: {seated}")
    print(f"served: {dict(shift.hall.served)} total={sum(shift.hall.served.values())}")
    print(f"till: {shift.hall.till.cash:.2f}, refused {shift.hall.till.refused}, "
          f"{time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
