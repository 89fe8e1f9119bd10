# Models a bookkeeping service whose ledger and audit log are module-level singletons behind getters.
"""Sales and refunds are posted from a thread pool; every task reaches the ledger via get_ledger()."""
import threading
from concurrent.futures import ThreadPoolExecutor

_ledger = None
_ledger_lock = threading.Lock()
_audit = None
_TASKS = {"sale": 0, "deposit": 0, "refund": 0}


class Ledger:
    """Account balances plus a count of posted entries."""

    def __init__(self):
        self.balances = {}
        self.entries = 0
        self.rejected = 0
        self.lock = threading.Lock()

    def post(self, account, amount):
        self.balances[account] = self.balances.get(account, 0) + amount  # expect: GIL002

    def post_checked(self, account, amount):
        with self.lock:
            self.balances[account] = self.balances.get(account, 0) + amount  # ok: GIL002
            self.entries += 1  # ok: GIL002

    def debit(self, account, amount):
        with self.lock:
            if self.balances.get(account, 0) >= amount:  # ok: GIL003
                self.balances[account] -= amount  # ok: GIL002
                return True
            self.rejected += 1  # ok: GIL002
            return False


def get_ledger():
    """Return the process-wide ledger, creating it on first use."""
    global _ledger
    if _ledger is None:  # ok: GIL003
        with _ledger_lock:
            if _ledger is None:  # ok: GIL003
                _ledger = Ledger()
    return _ledger


def get_audit():
    """Return the process-wide audit list, creating it on first use."""
    global _audit
    if _audit is None:  # expect: GIL003
        _audit = []
    return _audit


def record_sale(sale):
    get_ledger().post(sale["account"], sale["amount"])
    get_ledger().entries += 1  # expect: GIL002
    get_audit().append(("sale", sale["id"]))  # ok: GIL002
    return sale["id"]


def record_deposit(deposit):
    get_ledger().post_checked(deposit["account"], deposit["amount"])
    get_audit().append(("deposit", deposit["id"]))
    _TASKS["deposit"] += 1  # expect: GIL002
    return deposit["id"]


def record_refund(refund):
    accepted = get_ledger().debit(refund["account"], refund["amount"])
    get_audit().append(("refund", refund["id"], accepted))
    _TASKS["refund"] += 1  # expect: GIL002
    return accepted


def project_interest(balances, days, daily_rate):
    """Compound a private snapshot of the balances forward by `days` days."""
    projected = dict(balances)
    for _ in range(days):  # expect: GIL001
        for account in projected:
            projected[account] += projected[account] * daily_rate  # ok: GIL002
    return {k: round(v, 2) for k, v in projected.items()}


def main():
    accounts = ["acme", "globex", "initech", "umbrella"]
    sales = [{"id": i, "account": accounts[i % 4], "amount": 10 + i % 7} for i in range(120)]
    deposits = [{"id": 500 + i, "account": accounts[i % 4], "amount": 25} for i in range(40)]
    refunds = [{"id": 900 + i, "account": accounts[i % 4], "amount": 30 + i} for i in range(20)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        done_sales = list(pool.map(record_sale, sales))
        done_deposits = list(pool.map(record_deposit, deposits))
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(record_refund, r) for r in refunds]
        accepted = sum(1 for f in futures if f.result())
        outlook = pool.submit(project_interest, get_ledger().balances, 60_000, 0.0000005).result()

    ledger = get_ledger()
    print(f"sales={len(done_sales)} deposits={len(done_deposits)} refunds accepted={accepted}")
    print(f"entries={ledger.entries} rejected={ledger.rejected} audit={len(get_audit())} tasks={_TASKS}")
    for name in accounts:
        print(f"  {name:10s} {ledger.balances.get(name, 0):6d} -> {outlook.get(name, 0):9.2f}")


if __name__ == "__main__":
    main()
