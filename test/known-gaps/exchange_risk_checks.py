"""Pre-trade risk gate of an exchange member firm.

Order batches from the order-entry gateways are checked on a thread pool: every
order reserves buying power on its account through a (simulated) remote margin
service before it may go to the matching engine.  A semaphore caps how many
margin calls are in flight; strict accounts reserve under a per-account lock.
"""
from __future__ import annotations

import functools
import io
import json
import logging
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("exchange.risk")

RISK_CONFIG = {
    "max_inflight": 4,
    "workers": 6,
    "margin_latency_s": 0.0005,
    "batch_size": 25,
    "batches": 8,
}


@dataclass
class Account:
    name: str
    cash: float
    strict: bool = False
    reserved: float = 0.0
    orders: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def available(self) -> float:
        return self.cash - self.reserved


@dataclass(frozen=True)
class OrderRequest:
    account: str
    symbol: str
    qty: int
    price: float

    @property
    def notional(self) -> float:
        return self.qty * self.price


def margin_service_call(fn):
    """Every decorated check pays one round-trip to the margin service."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        time.sleep(RISK_CONFIG["margin_latency_s"])
        return fn(*args, **kwargs)
    return wrapper


class RiskGate:
    def __init__(self, accounts: dict[str, Account], journal: io.StringIO, **config):
        self.accounts = accounts
        self.config = {**RISK_CONFIG, **config}
        self._throttle = threading.Semaphore(self.config["max_inflight"])
        self._journal = journal
        self._journal_lock = threading.Lock()
        self._stats_lock = threading.Lock()
        self._tls = threading.local()
        self.inflight = 0
        self.peak_inflight = 0
        self.rejections: dict[tuple, int] = {}

    def process_batch(self, batch: list[OrderRequest]) -> int:
        accepted = 0
        for req in batch:  # ok: GIL001
            with self._throttle:
                self.inflight += 1  # expect: GIL002
                if self.inflight > self.peak_inflight:  # expect: GIL003
                    self.peak_inflight = self.inflight
                ok = self.check(req)
                self.inflight -= 1  # expect: GIL002
            accepted += ok
            self._tls.checked = getattr(self._tls, "checked", 0) + 1  # ok: GIL002
        self._journal_entry({"batch": len(batch), "accepted": accepted,
                             "worker": threading.current_thread().name,
                             "checked_by_worker": self._tls.checked})
        return accepted

    def check(self, req: OrderRequest) -> bool:
        account = self.accounts[req.account]
        reserve = self._reserve_strict if account.strict else self._reserve_fast
        return reserve(account, req)

    @margin_service_call
    def _reserve_fast(self, account: Account, req: OrderRequest) -> bool:
        if account.available >= req.notional:  # expect: GIL003
            time.sleep(0.0002)  # the margin service confirms the hold
            account.reserved += req.notional  # expect: GIL002
            account.orders.append(req)
            return True
        self._reject(req.account, "insufficient buying power")
        return False

    @margin_service_call
    def _reserve_strict(self, account: Account, req: OrderRequest) -> bool:
        with account.lock:
            if account.available >= req.notional:  # ok: GIL003
                account.reserved += req.notional  # ok: GIL002
                account.orders.append(req)
                return True
        self._reject(req.account, "insufficient buying power")
        return False

    def _reject(self, name: str, reason: str) -> None:
        with self._stats_lock:
            key = (name, reason)
            self.rejections[key] = self.rejections.get(key, 0) + 1  # ok: GIL002

    def _journal_entry(self, entry: dict) -> None:
        self._journal_lock.acquire()  # expect: GIL005
        if entry.get("batch", 0) == 0:
            return
        self._journal.write(json.dumps(entry, sort_keys=True) + "\n")
        self._journal_lock.release()


def make_order_flow(accounts: list[str], seed: int, **shape) -> list[list[OrderRequest]]:
    rng = random.Random(seed)
    size, count = shape["batch_size"], shape["batches"]
    flow = [OrderRequest(rng.choice(accounts), "ACME", rng.randint(1, 10), 100.0)
            for _ in range(size * count)]
    return [flow[i:i + size] for i in range(0, len(flow), size)]


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    accounts = {
        "fund-a": Account("fund-a", cash=4_000.0),
        "fund-b": Account("fund-b", cash=4_000.0),
        "pension": Account("pension", cash=4_000.0, strict=True),
        "retail": Account("retail", cash=4_000.0, strict=True),
    }
    journal = io.StringIO()
    gate = RiskGate(accounts, journal)
    batches = make_order_flow(list(accounts), seed=42, **RISK_CONFIG)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=RISK_CONFIG["workers"]) as pool:
        accepted = sum(pool.map(gate.process_batch, batches))
    elapsed = time.perf_counter() - started
    overdrawn = [a.name for a in accounts.values() if a.available < 0]
    print(f"accepted {accepted} of {sum(map(len, batches))} orders in {elapsed:.2f}s; "
          f"peak in flight {gate.peak_inflight}, now {gate.inflight} (expected 0)")
    print(f"overdrawn accounts: {overdrawn} (expected [])")
    print(f"rejections: {sum(gate.rejections.values())}; "
          f"journal lines: {len(journal.getvalue().splitlines())}")


if __name__ == "__main__":
    main()
