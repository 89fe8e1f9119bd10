"""Monthly billing for a parking garage: per-minute tariffs with zone rules,
computed for every permit holder by a thread pool.
"""
import functools
import logging
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Tuple

log = logging.getLogger("garage.billing")

BILLING = {"workers": 3, "accounts": 18, "sessions_per_account": 30, "grace_min": 10}
TARIFFS = {
    "ROOF": {"day": 0.020, "night": 0.010, "cap": 14.0},
    "COVERED": {"day": 0.035, "night": 0.015, "cap": 22.0},
    "EV": {"day": 0.045, "night": 0.020, "cap": 30.0},
}


class TariffUnavailable(RuntimeError):
    pass


def retry(times: int = 3, delay: float = 0.001, exceptions: Tuple[type, ...] = (TariffUnavailable,)):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            attempt = 0
            while True:
                try:
                    return fn(*args, **kwargs)
                except exceptions:
                    attempt += 1  # ok: GIL002
                    if attempt >= times:
                        raise
                    time.sleep(delay * attempt)
        return wrapper
    return decorate


def make_counter() -> Tuple[Callable[[int], None], Callable[[], int]]:
    """Factory for a tiny metrics counter shared by whoever holds the closures."""
    count = 0

    def bump(n: int = 1) -> None:
        nonlocal count
        count += n  # expect: GIL002

    def read() -> int:
        return count

    return bump, read


@dataclass
class Session:
    zone: str
    start_min: int
    minutes: int


@dataclass
class Account:
    permit: str
    sessions: List[Session] = field(default_factory=list)


class TariffBook:
    def __init__(self, source: Dict[str, dict]) -> None:
        self._source = source
        self._cache: Dict[str, dict] = {}
        self._tariff_lock = threading.Lock()
        self._flaky = {"EV": 1}

    def _load(self, zone: str) -> dict:
        if self._flaky.get(zone, 0) > 0:
            raise TariffUnavailable(zone)
        return dict(self._source[zone])

    @retry(times=3)
    def lookup(self, zone: str) -> dict:
        self._tariff_lock.acquire()  # expect: GIL005
        tariff = self._load(zone)
        self._cache[zone] = tariff
        self._tariff_lock.release()
        return tariff

    def mark_recovered(self, zone: str) -> None:
        self._tariff_lock.acquire()  # ok: GIL005
        try:
            self._flaky.pop(zone, None)
            log.info("tariff source for %s recovered", zone)
        finally:
            self._tariff_lock.release()


class BillingRun:
    def __init__(self, book: TariffBook, bump: Callable[[int], None], *, grace_min: int) -> None:
        self.book = book
        self.bump = bump
        self.grace_min = grace_min

    def bill_account(self, account: Account, *, currency: str = "EUR") -> Tuple[str, float]:
        total = 0.0
        for session in account.sessions:  # expect: GIL001
            tariff = self.book.lookup(session.zone)
            day, night, cap = tariff["day"], tariff["night"], tariff["cap"]
            fee, day_fee = 0.0, 0.0
            for minute in range(session.start_min, session.start_min + session.minutes):
                if minute - session.start_min < self.grace_min:
                    continue
                if minute % 1440 == 0:
                    fee, day_fee = fee + day_fee, 0.0
                hour = (minute // 60) % 24
                day_fee = min(cap, day_fee + (day if 7 <= hour < 19 else night))
            total += fee + day_fee
            self.bump(1)
        return account.permit, round(total, 2)


def generate_accounts(n: int, sessions: int, rng: random.Random) -> List[Account]:
    zones = list(TARIFFS)
    accounts = []
    for i in range(n):
        acct = Account(f"PERMIT-{i:04d}")
        for _ in range(sessions):
            acct.sessions.append(Session(rng.choice(zones[:2]), rng.randrange(0, 1440 * 28),
                                         rng.randrange(30, 1440 * 3)))
        accounts.append(acct)
    return accounts


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    rng = random.Random(99)
    book = TariffBook(TARIFFS)
    bump, sessions_billed = make_counter()
    run = BillingRun(book, bump, grace_min=BILLING["grace_min"])
    accounts = generate_accounts(BILLING["accounts"], BILLING["sessions_per_account"], rng)
    job = functools.partial(run.bill_account, currency="EUR")

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=BILLING["workers"], thread_name_prefix="bill") as pool:
        invoices = dict(pool.map(job, accounts))
    book.mark_recovered("EV")
    elapsed = time.perf_counter() - started

    top = sorted(invoices.items(), key=lambda kv: -kv[1])[:3]
    print(f"billed {len(invoices)} accounts, {sessions_billed()} sessions in {elapsed:.2f}s")
    for permit, amount in top:
        print(f"  {permit}: {amount:.2f} EUR")


if __name__ == "__main__":
    main()
