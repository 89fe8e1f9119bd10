# Models bank tellers that receive shared account objects through a branch and process batches in threads.
import functools
import threading


class Account:
    def __init__(self, number, balance):
        self.number = number
        self.balance = balance
        self.frozen = False
        self.lock = threading.Lock()


class Bank:
    def __init__(self):
        self.accounts = {}

    def open_account(self, number, opening_balance):
        account = Account(number, opening_balance)
        self.accounts[number] = account
        return account


class Branch:
    """Hands the bank's accounts to its tellers."""

    def __init__(self, bank):
        self.bank = bank
        self.tellers = []

    def add_teller(self, teller):
        teller.accounts = self.bank.accounts
        self.tellers.append(teller)


class AuditTrail:
    def __init__(self):
        self.flagged = {}
        self._lock = threading.Lock()

    def flag(self, account_number, reason):
        with self._lock:
            if account_number not in self.flagged:  # ok: GIL003
                self.flagged[account_number] = []
            self.flagged[account_number].append(reason)


class Teller:
    def __init__(self, name, audit):
        self.name = name
        self.audit = audit
        self.accounts = {}
        self.processed = 0

    def withdraw(self, number, amount):
        account = self.accounts[number]
        if account.balance >= amount:  # expect: GIL003
            account.balance -= amount  # expect: GIL002
            return True
        self.audit.flag(number, f"{self.name}: insufficient funds for {amount}")
        return False

    def deposit(self, number, amount):
        account = self.accounts[number]
        with account.lock:
            account.balance += amount  # ok: GIL002

    def transfer(self, src_number, dst_number, amount):
        src = self.accounts[src_number]
        src.lock.acquire()  # expect: GIL005
        if src.frozen:
            return False
        src.balance -= amount  # ok: GIL002
        src.lock.release()
        self.deposit(dst_number, amount)
        return True

    def process_batch(self, batch):
        for kind, *args in batch:
            if kind == "withdraw":
                self.withdraw(*args)
            elif kind == "deposit":
                self.deposit(*args)
            else:
                self.transfer(*args)
            self.processed += 1  # ok: GIL002


def make_batch(seed):
    ops = []
    for i in range(30):
        if i % 3 == 0:
            ops.append(("withdraw", "ACC-1", 5 + seed))
        elif i % 3 == 1:
            ops.append(("deposit", "ACC-2", 3))
        else:
            ops.append(("transfer", "ACC-2", "ACC-1", 2))
    return ops


def main():
    bank = Bank()
    bank.open_account("ACC-1", 500)
    bank.open_account("ACC-2", 300)
    audit = AuditTrail()
    branch = Branch(bank)
    for name in ("ana", "ben", "cho"):
        branch.add_teller(Teller(name, audit))

    threads = []
    for seed, teller in enumerate(branch.tellers):
        work = functools.partial(teller.process_batch, make_batch(seed))
        threads.append(threading.Thread(target=work, name=f"teller-{teller.name}"))
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    for number, account in sorted(bank.accounts.items()):
        print(number, account.balance)
    print("processed:", {t.name: t.processed for t in branch.tellers})
    print("flags:", {k: len(v) for k, v in audit.flagged.items()})


if __name__ == "__main__":
    main()
