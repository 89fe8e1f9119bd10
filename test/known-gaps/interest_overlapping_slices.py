"""Month-end interest run: accounts split into slices for 4 threads (the slice bounds overlap by one)."""
import functools
import threading

ACCOUNTS = 20_000
DAYS = 365
WORKERS = 4
BRANCHES = ["north", "south", "east", "west", "online"]

accounts = [{"id": i, "branch": BRANCHES[(i * 7) % 5], "balance": 500.0 + (i * 37) % 9_500,
             "rate": 0.01 + (i % 40) * 0.001} for i in range(ACCOUNTS)]

opening = {b: 0.0 for b in BRANCHES}
branch_interest = {b: 0.0 for b in BRANCHES}
interest_paid = [0.0] * WORKERS
credited = [0] * WORKERS


def compound_interest(balance, annual_rate):
    daily = annual_rate / DAYS
    grown = balance
    for _ in range(DAYS):
        grown += grown * daily
    return round(grown - balance, 2)


def accrue(k, batch):
    for acct in batch:  # expect: GIL001
        interest = compound_interest(acct["balance"], acct["rate"])
        acct["balance"] += interest  # expect: GIL002
        branch_interest[acct["branch"]] += interest  # expect: GIL002
        interest_paid[k] += interest  # ok: GIL002
        credited[k] += 1  # ok: GIL002


if __name__ == "__main__":
    for acct in accounts:
        opening[acct["branch"]] += acct["balance"]  # ok: GIL002

    size = ACCOUNTS // WORKERS
    # bug: "+ 1" meant to include the stop index, so each slice also takes the next slice's first account
    slices = [accounts[k * size:(k + 1) * size + 1] for k in range(WORKERS)]
    threads = [threading.Thread(target=functools.partial(accrue, k, batch), name=f"accrue-{k}")
               for k, batch in enumerate(slices)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    print(f"credited per worker: {credited} (total {sum(credited)} for {ACCOUNTS} accounts)")
    for b in BRANCHES:
        print(f"  {b:<7} opening {opening[b]:>13,.2f}  interest {branch_interest[b]:>11,.2f}")
    print(f"interest paid: {sum(interest_paid):,.2f} over {WORKERS} workers")
