"""Escrow vault operations: fee deduction, fund release and refunds.

Every escrow has its own lock in the vault. Workers release funds for completed
deals, deduct platform fees and refund cancelled deals; every outgoing transfer
goes through the payment-rail gateway, which allows a few calls in flight.
"""
import functools
import logging
import threading
import time
from decimal import Decimal

log = logging.getLogger("escrow.vault")


class EscrowVault:
    def __init__(self, balances):
        self.balances = {eid: Decimal(v) for eid, v in balances.items()}
        self._locks = {eid: threading.Lock() for eid in balances}
        self.disputed = set()
        self.paid_out = {eid: Decimal(0) for eid in balances}

    def lock_for(self, eid):
        return self._locks[eid]

    def release_funds(self, eid, amount, rail):
        lock = self._locks[eid]
        lock.acquire()  # expect: GIL005
        if eid in self.disputed:
            log.warning("%s is disputed; release refused", eid)
            return False
        if self.balances[eid] < amount:
            lock.release()
            return False
        rail.transfer(eid, amount)
        self.balances[eid] -= amount  # ok: GIL002
        self.paid_out[eid] += amount  # ok: GIL002
        lock.release()
        return True

    def refund(self, eid, rail):
        lock = self._locks[eid]
        if not lock.acquire(timeout=0.5):  # ok: GIL005
            return None
        try:
            amount, self.balances[eid] = self.balances[eid], Decimal(0)
            if amount:
                rail.transfer(eid, amount)
            return amount
        finally:
            lock.release()


class EscrowHold:
    """Context manager that holds one escrow's lock for a compound update."""

    def __init__(self, vault, eid):
        self.vault = vault
        self.eid = eid
        self._lock = vault.lock_for(eid)

    def __enter__(self):
        self._lock.acquire()  # ok: GIL005
        return self.vault

    def __exit__(self, exc_type, exc, tb):
        self._lock.release()
        return False


class RailGateway:
    """Outgoing transfers; the bank allows at most three concurrent calls."""

    def __init__(self, max_in_flight=3, latency=0.003):
        self._slots = threading.Semaphore(max_in_flight)
        self._stats_guard = threading.BoundedSemaphore(1)
        self.latency = latency
        self.in_flight = 0
        self.peak = 0
        self.calls = 0

    def transfer(self, eid, amount):
        with self._slots:
            self.in_flight += 1  # expect: GIL002
            with self._stats_guard:
                self.peak = max(self.peak, self.in_flight)
            time.sleep(self.latency)
            self.in_flight -= 1  # expect: GIL002
        with self._stats_guard:
            self.calls += 1  # ok: GIL002


def deduct_fee(vault, eid, rate):
    with EscrowHold(vault, eid) as v:
        fee = (v.balances[eid] * rate).quantize(Decimal("0.01"))
        v.balances[eid] -= fee  # ok: GIL002
    return fee


def settle_deals(eids, *, vault, rail, amount, fee_rate, results):
    for eid in eids:  # ok: GIL001
        fee = deduct_fee(vault, eid, fee_rate)
        ok = vault.release_funds(eid, amount, rail)
        results.append((eid, fee, ok))


def refund_cancelled(eids, *, vault, rail, results):
    for eid in eids:
        results.append((eid, "refund", vault.refund(eid, rail)))


def start_workers(target, items, n, **kwargs):
    """Split `items` over n threads running target(chunk, **kwargs)."""
    job = functools.partial(target, **kwargs)
    threads = []
    for k in range(n):
        t = threading.Thread(target=job, args=(items[k::n],), name=f"{target.__name__}-{k}")
        t.start()
        threads.append(t)
    return threads


def main():
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    eids = [f"ESC-{n:03d}" for n in range(24)]
    vault = EscrowVault({eid: "500.00" for eid in eids})
    rail = RailGateway()
    results = []
    completed, cancelled = eids[:18], eids[18:]

    threads = start_workers(settle_deals, completed, 3, vault=vault, rail=rail,
                            amount=Decimal("450.00"), fee_rate=Decimal("0.02"), results=results)
    threads += start_workers(refund_cancelled, cancelled, 2, vault=vault, rail=rail, results=results)
    for t in threads:
        t.join()

    released = sum(1 for r in results if r[2] is True)
    refunded = sum(r[2] for r in results if r[1] == "refund")
    log.info("released %d deals, refunded %s, rail calls %d (peak in flight %d, now %d)",
             released, refunded, rail.calls, rail.peak, rail.in_flight)
    log.info("left in vault: %s", sum(vault.balances.values()))


if __name__ == "__main__":
    main()
