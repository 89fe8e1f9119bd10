"""Two contextmanager lock helpers for a shared ledger: one leaks its lock on errors.

holding_sloppy(lock) acquires, yields, then releases. If the with-body raises,
the exception is thrown into the generator at the `yield` and release() never
runs: every later `with holding_sloppy(audit_lock):` hangs. holding(lock) wraps
the yield in try/finally and always releases. Three posting threads post 60
ledger lines each ("account,amount"); int(amount) raises ValueError on a bad
line. The lines built here are all valid, so this run finishes.

Lessons: acquire() before a bare yield in a @contextmanager is an unreleased-lock
bug; the try/finally version is correct, and the balance update made inside
`with holding(ledger_lock):` runs with the lock held; 60 lines per thread are
far too little work to be CPU-bound.
"""
import collections
import contextlib
import threading

THREADS = 3
LINES_PER_THREAD = 60

ledger_lock = threading.Lock()
audit_lock = threading.Lock()
balances = collections.defaultdict(int)
audit_log = []


@contextlib.contextmanager
def holding_sloppy(lock):
    lock.acquire()  # expect: GIL005
    yield
    lock.release()


@contextlib.contextmanager
def holding(lock):
    lock.acquire()  # ok: GIL005
    try:
        yield
    finally:
        lock.release()


def post_entries(lines):
    for line in lines:  # ok: GIL001
        account, amount = line.split(",")
        with holding(ledger_lock):
            balances[account] += int(amount)  # ok: GIL002
        with holding_sloppy(audit_lock):
            audit_log.append(f"{account}:{int(amount):+d}")


if __name__ == "__main__":
    batches = [[f"acct-{(t + i) % 5},{(i % 7) - 3}" for i in range(LINES_PER_THREAD)]
               for t in range(THREADS)]
    posters = [threading.Thread(target=post_entries, args=(batch,)) for batch in batches]
    for p in posters:
        p.start()
    for p in posters:
        p.join()
    print(f"audit entries = {len(audit_log)} (expected {THREADS * LINES_PER_THREAD})")
    print(f"net change = {sum(balances.values())}, accounts = {dict(sorted(balances.items()))}")
