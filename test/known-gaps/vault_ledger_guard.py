"""Bank vault ledger: tellers post and transfer through a context manager that wraps a lock."""
import random
import threading
from contextlib import contextmanager

ACCOUNTS = ("ops", "payroll", "reserve", "escrow")
TELLERS = 5
OPS_PER_TELLER = 300
OPENING_BALANCE = 10_000

_audit_lock = threading.Lock()
AUDIT = {"sections": 0}


class LedgerGuard:
    def __init__(self, name):
        self.name = name
        self._lock = threading.Lock()
        self.entries = 0

    def __enter__(self):
        self._lock.acquire()  # ok: GIL005
        self.entries += 1  # ok: GIL002
        return self

    def __exit__(self, exc_type, exc, tb):
        self._lock.release()
        return False


@contextmanager
def audited():
    with _audit_lock:
        AUDIT["sections"] += 1  # ok: GIL002
    yield


class Ledger:
    def __init__(self):
        self.guard = LedgerGuard("vault")
        self.balances = {a: OPENING_BALANCE for a in ACCOUNTS}
        self.postings = 0
        self.rejected = 0

    def post(self, account, amount):
        with self.guard:
            self.balances[account] = self.balances.get(account, 0) + amount  # ok: GIL002
            self.postings += 1  # ok: GIL002

    def transfer(self, src, dst, amount):
        with self.guard:
            if self.balances[src] >= amount:  # ok: GIL003
                self.balances[src] -= amount
                self.balances[dst] += amount
                self.postings += 2
                return True
            self.rejected += 1
            return False

    def total(self):
        with self.guard:
            return sum(self.balances.values())


class Teller(threading.Thread):
    def __init__(self, ident, ledger):
        super().__init__(name=f"teller-{ident}")
        self.ledger = ledger
        self.rng = random.Random(ident)
        self.net_deposits = 0

    def run(self):
        for _ in range(OPS_PER_TELLER):
            with audited():
                if self.rng.random() < 0.4:
                    amount = self.rng.randint(-200, 500)
                    self.ledger.post(self.rng.choice(ACCOUNTS), amount)
                    self.net_deposits += amount  # ok: GIL002
                else:
                    src, dst = self.rng.sample(ACCOUNTS, 2)
                    self.ledger.transfer(src, dst, self.rng.randint(1, 2_000))


def main():
    ledger = Ledger()
    tellers = [Teller(i, ledger) for i in range(TELLERS)]
    for t in tellers:
        t.start()
    for t in tellers:
        t.join()

    expected = OPENING_BALANCE * len(ACCOUNTS) + sum(t.net_deposits for t in tellers)
    print("balances:", ledger.balances)
    print("total:", ledger.total(), "expected:", expected)
    print("postings:", ledger.postings, "rejected:", ledger.rejected)
    print("guard entries:", ledger.guard.entries, "audited sections:", AUDIT["sections"])


if __name__ == "__main__":
    main()
