# Models a core-banking batch where teller threads apply withdrawals, transfers and fees.
"""Apply a day's transaction batches concurrently against in-memory accounts."""

import threading
import time


class Account:
    def __init__(self, number, balance):
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()


class Bank:
    def __init__(self, accounts):
        self.accounts = {a.number: a for a in accounts}
        self.audit_lock = threading.RLock()
        self.audit_log = []
        self.rejected = 0
        self.fees_collected = 0

    def withdraw_atm(self, number, amount):
        acct = self.accounts[number]
        if acct.balance >= amount:  # expect: GIL003
            acct.balance -= amount  # expect: GIL002
            return True
        self.rejected += 1  # expect: GIL002
        return False

    def transfer(self, src, dst, amount):
        a, b = self.accounts[src], self.accounts[dst]
        first, second = sorted((a, b), key=lambda acc: acc.number)
        with first.lock, second.lock:
            if a.balance < amount:  # ok: GIL003
                return False
            a.balance -= amount  # ok: GIL002
            b.balance += amount  # ok: GIL002
        return True

    def charge_fee(self, number, fee):
        if not self.audit_lock.acquire(timeout=0.5):  # ok: GIL005
            return False
        try:
            self.fees_collected += fee  # ok: GIL002
            self.audit_log.append({"type": "fee", "account": number, "amount": fee})
        finally:
            self.audit_lock.release()
        return True

    def post_audit_batch(self, records):
        posted = 0
        for rec in records:
            self.audit_lock.acquire()  # expect: GIL005
            if rec.get("void"):
                break
            self.audit_log.append(rec)
            posted += 1  # ok: GIL002
            self.audit_lock.release()
        return posted


class Teller(threading.Thread):
    """One branch teller replaying its share of the day's batch."""

    def __init__(self, bank, jobs):
        super().__init__()
        self.bank = bank
        self.jobs = jobs

    def run(self):
        for method, args in self.jobs:  # ok: GIL001
            getattr(self.bank, method)(*args)
            time.sleep(0.001)


def main():
    bank = Bank([Account(f"ACC-{n:04d}", 500) for n in range(6)])
    numbers = list(bank.accounts)
    tellers = []
    for t in range(3):
        jobs = []
        for i in range(20):
            src, dst = numbers[(i + t) % 6], numbers[(i + t + 1) % 6]
            if i % 4 == 0:
                jobs.append(("withdraw_atm", (src, 60)))
            elif i % 4 == 3:
                jobs.append(("charge_fee", (src, 2)))
            else:
                jobs.append(("transfer", (src, dst, 35)))
        jobs.append(("post_audit_batch", ([{"type": "eod", "teller": t, "seq": k} for k in range(3)],)))
        tellers.append(Teller(bank, jobs))

    for teller in tellers:
        teller.start()
    for teller in tellers:
        teller.join()

    total = sum(a.balance for a in bank.accounts.values())
    print(f"balances: {[a.balance for a in bank.accounts.values()]}")
    print(f"total deposits: {total}, rejected ATM withdrawals: {bank.rejected}")
    print(f"fees collected: {bank.fees_collected}, audit entries: {len(bank.audit_log)}")


if __name__ == "__main__":
    main()
