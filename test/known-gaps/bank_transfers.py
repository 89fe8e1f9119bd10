# Models a small bank where teller threads move money between customer accounts.
import random
import threading
from concurrent.futures import ThreadPoolExecutor, wait


class Account:
    """A customer account guarded by its own lock."""

    def __init__(self, number, balance):
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()
        self.closed = False


class Bank:
    def __init__(self, name, opening_balances):
        self.name = name
        self.accounts = [Account(n, b) for n, b in enumerate(opening_balances)]
        self.transfers_done = 0
        self.rejected = 0
        self._stats_lock = threading.Lock()

    def transfer(self, src, dst, amount):
        """Lock both accounts in account-number order so two tellers cannot deadlock."""
        first, second = sorted((src, dst), key=lambda a: a.number)
        with first.lock:
            with second.lock:
                if src.balance < amount:  # ok: GIL003
                    with self._stats_lock:
                        self.rejected += 1  # ok: GIL002
                    return False
                src.balance -= amount  # ok: GIL002
                dst.balance += amount  # ok: GIL002
        with self._stats_lock:
            self.transfers_done += 1  # ok: GIL002
        return True

    def close_account(self, acct):
        """Close an account; only empty accounts may be closed."""
        acct.lock.acquire()  # expect: GIL005
        if acct.balance != 0:
            return False
        acct.closed = True
        acct.lock.release()
        return True

    def total(self):
        return sum(a.balance for a in self.accounts)


class LegacyBranch(Bank):
    """Branch still running the pre-threading transfer code."""

    def transfer(self, src, dst, amount):
        if src.balance >= amount:  # expect: GIL003
            src.balance -= amount  # expect: GIL002
            dst.balance += amount  # expect: GIL002
            self.transfers_done += 1  # expect: GIL002
            return True
        self.rejected += 1  # expect: GIL002
        return False


def teller_shift(bank, seed, rounds):
    """One teller's shift: a batch of random transfers between two distinct accounts."""
    rng = random.Random(seed)
    moved = 0
    for _ in range(rounds):
        src, dst = rng.sample(bank.accounts, 2)
        amount = rng.randint(1, 120)
        if bank.transfer(src, dst, amount):
            moved += amount  # ok: GIL002
    return moved


def audit_ledger(entries):
    """Replay a branch's raw ledger to find the lowest running balance."""
    balance, lowest = 0, 0
    for amount in entries:  # expect: GIL001
        balance += amount  # ok: GIL002
        if balance < lowest:
            lowest = balance
    return balance, lowest


def run_branch(bank, tellers, rounds):
    with ThreadPoolExecutor(max_workers=tellers) as pool:
        futures = [pool.submit(teller_shift, bank, seed, rounds) for seed in range(tellers)]
        wait(futures)
    return sum(f.result() for f in futures)


def main():
    balances = [500, 750, 1_000, 250, 300, 1_200]
    head_office = Bank("head office", balances)
    branch = LegacyBranch("old town", balances)

    expected = sum(balances)
    for bank in (head_office, branch):
        moved = run_branch(bank, tellers=4, rounds=150)
        print(f"{bank.name}: moved {moved}, transfers {bank.transfers_done}, "
              f"rejected {bank.rejected}, total {bank.total()} (expected {expected})")

    # Month-end interest, applied after every teller has gone home.
    for acct in head_office.accounts:
        acct.balance += acct.balance // 100  # ok: GIL002

    ledgers = [[(i * 7919 + seed) % 201 - 100 for i in range(150_000)] for seed in (1, 2)]  # ok: GIL001
    with ThreadPoolExecutor(max_workers=2) as pool:
        for final, lowest in pool.map(audit_ledger, ledgers):
            print(f"ledger replay: final {final}, lowest {lowest}")

    empty = Account(99, 0)
    head_office.accounts.append(empty)
    print("closed empty account:", head_office.close_account(empty))


if __name__ == "__main__":
    main()
