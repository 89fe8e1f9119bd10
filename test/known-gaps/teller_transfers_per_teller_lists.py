# Models a payments batch where teller threads move money between customer accounts.
"""Teller threads check a balance and then debit it; only the safe tellers lock the accounts."""
import threading


class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance
        self.lock = threading.Lock()


class Teller(threading.Thread):
    def __init__(self, transfers, ledger):
        super().__init__()
        self.transfers = transfers
        self.ledger = ledger
        self.rejected = 0

    def run(self):
        for src, dst, amount in self.transfers:
            if src.balance >= amount:  # expect: GIL003
                src.balance -= amount  # expect: GIL002
                dst.balance += amount  # expect: GIL002
                self.ledger.append((src.owner, dst.owner, amount))
            else:
                self.rejected += 1  # ok: GIL002


class SafeTeller(Teller):
    def run(self):
        for src, dst, amount in self.transfers:
            first, second = sorted((src, dst), key=lambda a: a.owner)
            with first.lock, second.lock:
                if src.balance >= amount:  # ok: GIL003
                    src.balance -= amount  # ok: GIL002
                    dst.balance += amount  # ok: GIL002
                    self.ledger.append((src.owner, dst.owner, amount))
                    continue
            self.rejected += 1  # ok: GIL002


def make_transfers(accounts, count, seed):
    transfers = []
    for i in range(count):
        src = accounts[(seed + i) % len(accounts)]
        dst = accounts[(seed + 3 * i + 1) % len(accounts)]
        if src is not dst:
            transfers.append((src, dst, 20 + (i * seed * 7) % 90))
    return transfers


def run_batch(teller_cls, label):
    accounts = [Account(name, 120) for name in ("alice", "bob", "carol", "dave", "erin")]
    ledger = []
    tellers = [teller_cls(make_transfers(accounts, 60, seed), ledger) for seed in (1, 2, 3)]
    for t in tellers:
        t.start()
    for t in tellers:
        t.join()
    total = sum(a.balance for a in accounts)
    rejected = sum(t.rejected for t in tellers)
    print(f"{label}: {len(ledger)} transfers, {rejected} rejected, money in bank {total} (expected 600)")


def main():
    run_batch(Teller, "fast tellers")
    run_batch(SafeTeller, "safe tellers")


if __name__ == "__main__":
    main()
