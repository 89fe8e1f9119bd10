"""Almoner's disbursements: parish requests paid out of the charity's funds.

Requests are submitted to a thread pool.  The bread fund is a GuardedFund (its
methods take the fund's lock and defer to the base class with super()); the coal
fund is a plain Fund that every worker shares as well.
"""
from __future__ import annotations

import contextlib
import functools
import logging
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

log = logging.getLogger("almoner.disburse")

ALMS_CONFIG = {
    "parishes": ["St Giles", "St Mary Redcliffe", "All Saints", "Holy Trinity", "St Peter"],
    "requests": 40,
    "workers": 4,
    "seed": 1601,
    "funds": {"bread": 60_000, "coal": 45_000},
}

vouchers_issued = 0


def audited(kind: str):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except Exception:
                log.exception("%s failed", kind)
                raise
        return wrapper
    return decorate


@dataclass
class Fund:
    name: str
    balance: int
    paid: list = field(default_factory=list)

    def withdraw(self, amount: int, payee: str) -> bool:
        if self.balance >= amount:  # expect: GIL003
            self._write_voucher(payee, amount)
            self.balance -= amount  # expect: GIL002
            return True
        return False

    def _write_voucher(self, payee: str, amount: int) -> None:
        time.sleep(0.001)  # the clerk writes out the voucher
        self.paid.append((payee, amount))


@dataclass
class GuardedFund(Fund):
    reserved: int = 0
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def withdraw(self, amount: int, payee: str) -> bool:
        with self._lock:
            return super().withdraw(amount, payee)

    def reserve(self, amount: int) -> bool:
        with self._lock:
            if self.balance - self.reserved >= amount:  # ok: GIL003
                self.reserved += amount  # ok: GIL002
                return True
        return False

    def release_reservation(self, amount: int) -> None:
        with self._lock:
            self.reserved -= amount  # ok: GIL002


class Ledger:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.totals: dict = {}
        self.lines: list = []

    @contextlib.contextmanager
    def posting(self):
        with self._lock:
            yield self

    def post(self, parish: str, fund: str, amount: int) -> None:
        with self.posting() as book:
            book.totals[parish] = book.totals.get(parish, 0) + amount  # ok: GIL002
            book.lines.append((parish, fund, amount))


@dataclass(frozen=True)
class Request:
    parish: str
    kind: str
    amount: int


@audited("disbursement")
def disburse(request: Request, funds: dict, ledger: Ledger) -> bool:
    global vouchers_issued
    fund = funds[request.kind]
    if isinstance(fund, GuardedFund) and not fund.reserve(request.amount):
        return False
    try:
        ok = fund.withdraw(request.amount, request.parish)
    finally:
        if isinstance(fund, GuardedFund):
            fund.release_reservation(request.amount)
    if ok:
        vouchers_issued += 1  # expect: GIL002
        ledger.post(request.parish, fund.name, request.amount)
    return ok


def make_requests(config: dict) -> list:
    rng = random.Random(config["seed"])
    return [Request(rng.choice(config["parishes"]), rng.choice(("bread", "coal")),
                    rng.randrange(1_500, 4_000, 50))
            for _ in range(config["requests"])]


def run_quarter(config: dict) -> tuple:
    funds = {
        "bread": GuardedFund("bread", config["funds"]["bread"]),
        "coal": Fund("coal", config["funds"]["coal"]),
    }
    opening = {name: fund.balance for name, fund in funds.items()}
    ledger = Ledger()
    requests = make_requests(config)
    refused = []
    with ThreadPoolExecutor(max_workers=config["workers"], thread_name_prefix="almoner") as pool:
        futures = {pool.submit(disburse, req, funds, ledger): req for req in requests}
        for future in as_completed(futures):
            if not future.result():
                refused.append(futures[future])
    return funds, opening, ledger, refused


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    start = time.perf_counter()
    funds, opening, ledger, refused = run_quarter(ALMS_CONFIG)
    for name, fund in funds.items():
        paid = sum(amount for _, amount in fund.paid)
        print(f"{name:<5} fund: opening {opening[name]:>6} paid {paid:>6} "
              f"balance {fund.balance:>6} (expected {opening[name] - paid})")
    print(f"vouchers issued = {vouchers_issued} (expected {len(ledger.lines)})")
    for parish, total in sorted(ledger.totals.items()):
        print(f"  {parish:<18} {total / 100:8.2f}")
    print(f"requests refused: {len(refused)}")
    print(f"disbursements done in {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
