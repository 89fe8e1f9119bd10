"""Bank ledger whose methods are wrapped by a @synchronized decorator (instance RLock).

Four teller threads move money between eight accounts. Every AccountBook method
that reads or changes balances is decorated with @synchronized, which holds the
book's RLock for the whole call; transfer() calls withdraw() and deposit(), which
re-enter the same RLock.

Lessons: a balance check and the subtraction that relies on it, made inside a
@synchronized method, run with the lock held (no check-then-act race, no lost
update); 100 transfers per teller are far too little work to be CPU-bound.
"""
import functools
import random
import threading

ACCOUNTS = 8
OPENING_BALANCE = 1_000
TELLERS = 4
TRANSFERS_PER_TELLER = 100


def synchronized(method):
    """Run the method while holding self._lock."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)
    return wrapper


class AccountBook:
    def __init__(self, count, opening):
        self._lock = threading.RLock()
        self.balances = {number: opening for number in range(count)}
        self.declined = 0

    @synchronized
    def withdraw(self, account, amount):
        if self.balances[account] >= amount:  # ok: GIL003
            self.balances[account] -= amount  # ok: GIL002
            return True
        self.declined += 1  # ok: GIL002
        return False

    @synchronized
    def deposit(self, account, amount):
        self.balances[account] += amount

    @synchronized
    def transfer(self, source, target, amount):
        if self.withdraw(source, amount):
            self.deposit(target, amount)

    @synchronized
    def total(self):
        return sum(self.balances.values())


def teller(book, seed):
    rng = random.Random(seed)
    for _ in range(TRANSFERS_PER_TELLER):  # ok: GIL001
        source, target = rng.sample(range(ACCOUNTS), 2)
        book.transfer(source, target, rng.randint(1, 400))


if __name__ == "__main__":
    book = AccountBook(ACCOUNTS, OPENING_BALANCE)
    tellers = [threading.Thread(target=teller, args=(book, seed)) for seed in range(TELLERS)]
    for t in tellers:
        t.start()
    for t in tellers:
        t.join()
    print(f"total = {book.total()} (expected {ACCOUNTS * OPENING_BALANCE}), "
          f"declined transfers = {book.declined}")
    print(f"lowest balance = {min(book.balances.values())} (never below 0)")
