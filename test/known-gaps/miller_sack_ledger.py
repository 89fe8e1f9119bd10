"""Grain mill: farmers weigh in grain sacks at three scales and draw their credit at the counter."""
from __future__ import annotations

import functools
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass

log = logging.getLogger("miller.ledger")

PRICE_PER_SACK = 4.5
MARKET_DAY = {
    "scales": 3,
    "clerks": 5,
    "farmers": ["Aldous", "Brenna", "Cato", "Dagny"],
    "sacks_each": [3, 5, 2, 4, 6],
    "payout": 9.0,
}


class LedgerError(RuntimeError):
    pass


def traced(fn):
    """Log each ledger operation with its keyword arguments."""
    @functools.wraps(fn)
    def wrapper(self, *args, **kwargs):
        result = fn(self, *args, **kwargs)
        log.debug("%s%s%s -> %s", fn.__name__, args, kwargs, result)
        return result
    return wrapper


@dataclass
class FarmerAccount:
    name: str
    credit: float = 0.0
    sacks: int = 0

    @property
    def overdrawn(self) -> bool:
        return self.credit < -1e-9


class SackLedger:
    def __init__(self, scales: int):
        self._scales = threading.BoundedSemaphore(scales)  # three scales, three farmers at once
        self._books = threading.Lock()
        self.accounts: dict[str, FarmerAccount] = {}
        self.sacks_weighed = 0
        self.payouts: list[tuple[str, float]] = []

    def open_accounts(self, names) -> None:
        for name in names:
            self.accounts[name] = FarmerAccount(name)

    @traced
    def weigh_in(self, farmer: str, *, sacks: int) -> int:
        with self._scales:
            time.sleep(0.001)  # the sacks go on the scale
            self.sacks_weighed += sacks  # expect: GIL002
        with self._books:
            account = self.accounts[farmer]
            account.credit += sacks * PRICE_PER_SACK  # ok: GIL002
            account.sacks += sacks
        return sacks

    @traced
    def pay_out(self, farmer: str, *, amount: float) -> bool:
        account = self.accounts[farmer]
        if account.credit >= amount:  # expect: GIL003
            time.sleep(0.002)  # count the coins
            account.credit -= amount  # expect: GIL002
            self.payouts.append((farmer, amount))
            return True
        return False

    @traced
    def pay_out_checked(self, farmer: str, *, amount: float) -> bool:
        with self._books:
            account = self.accounts[farmer]
            if account.credit >= amount:  # ok: GIL003
                account.credit -= amount  # ok: GIL002
                self.payouts.append((farmer, amount))
                return True
        return False

    def audit(self) -> float:
        self._books.acquire()  # expect: GIL005
        total = 0.0
        for account in self.accounts.values():
            if account.overdrawn:
                raise LedgerError(f"{account.name} is overdrawn: {account.credit:.2f}")
            total += account.credit
        self._books.release()
        return total


def market_day_tasks(config: dict):
    """Generate (method name, farmer, kwargs) in the order farmers arrive."""
    farmers = config["farmers"]
    for round_no, sacks in enumerate(config["sacks_each"]):
        for farmer in farmers:
            yield "weigh_in", farmer, {"sacks": sacks}
        if round_no >= 1:
            for i, farmer in enumerate(farmers):
                method = "pay_out" if i % 2 == 0 else "pay_out_checked"
                yield method, farmer, {"amount": config["payout"]}


def run_market(ledger: SackLedger, config: dict) -> list:
    with ThreadPoolExecutor(max_workers=config["clerks"], thread_name_prefix="clerk") as pool:
        futures = [pool.submit(getattr(ledger, method), farmer, **kwargs)
                   for method, farmer, kwargs in market_day_tasks(config)]
        done, _ = wait(futures)
    return [f.result() for f in futures]


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    ledger = SackLedger(MARKET_DAY["scales"])
    ledger.open_accounts(MARKET_DAY["farmers"])
    start = time.perf_counter()
    results = run_market(ledger, MARKET_DAY)
    elapsed = time.perf_counter() - start
    expected_sacks = sum(MARKET_DAY["sacks_each"]) * len(MARKET_DAY["farmers"])
    print(f"sacks weighed = {ledger.sacks_weighed} (expected {expected_sacks})")
    print(f"{len(results)} counter operations, {len(ledger.payouts)} payouts in {elapsed:.2f}s")
    try:
        outstanding = ledger.audit()
    except LedgerError as exc:
        print(f"audit failed: {exc}")
        return 0
    paid = sum(amount for _, amount in ledger.payouts)
    print(f"outstanding credit = {outstanding:.2f} "
          f"(expected {expected_sacks * PRICE_PER_SACK - paid:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
