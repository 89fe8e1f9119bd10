"""Payments pipeline: an intake thread batches transfers, four posting threads apply them to the ledger."""
import queue
import random
import threading
import time

ACCOUNTS = 20
TRANSFERS = 2_000
BATCH_SIZE = 50
POSTERS = 4
DAILY_LIMIT = 6_000
FEE = 1

batch_q = queue.Queue(maxsize=10)
balances = {a: 10_000 for a in range(ACCOUNTS)}
spent_today = {a: 0 for a in range(ACCOUNTS)}
fees = {}
rejected = []
ledger_lock = threading.Lock()
stats_lock = threading.Lock()
posted_batches = 0


def intake(seed):
    rng = random.Random(seed)
    for _ in range(TRANSFERS // BATCH_SIZE):  # ok: GIL001
        batch = [(rng.randrange(ACCOUNTS), rng.randrange(ACCOUNTS), rng.randint(1, 200))  # ok: GIL001
                 for _ in range(BATCH_SIZE)]
        batch_q.put(tuple(batch))
    for _ in range(POSTERS):
        batch_q.put(None)


def post_batches():
    global posted_batches
    while True:  # ok: GIL001
        batch = batch_q.get()
        if batch is None:
            return
        for src, dst, amount in batch:  # ok: GIL001
            if src == dst:
                continue
            if spent_today[src] + amount > DAILY_LIMIT:  # expect: GIL003
                rejected.append((src, dst, amount, "daily limit"))
                continue
            with ledger_lock:
                if balances[src] >= amount + FEE:  # ok: GIL003
                    balances[src] -= amount + FEE  # ok: GIL002
                    balances[dst] += amount  # ok: GIL002
                else:
                    rejected.append((src, dst, amount, "insufficient funds"))
                    continue
            spent_today[src] += amount  # expect: GIL002
            fees[src] = fees.get(src, 0) + FEE  # expect: GIL002
        time.sleep(0.002)  # append the batch to the write-ahead journal
        with stats_lock:
            posted_batches += 1  # ok: GIL002


if __name__ == "__main__":
    opening = sum(balances.values())
    threads = [threading.Thread(target=lambda: intake(31), name="intake")]
    threads += [threading.Thread(target=lambda: post_batches(), name=f"poster-{i}") for i in range(POSTERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    collected = sum(fees.values())
    print(f"posted {posted_batches} batches, rejected {len(rejected)} transfers")
    print(f"money: {sum(balances.values())} + fees {collected} = {sum(balances.values()) + collected} "
          f"(opening {opening})")
    over = [a for a, s in spent_today.items() if s > DAILY_LIMIT]
    print(f"accounts over the daily limit: {over}")
