"""Reconcile JSON-encoded ledger pages into account balances, one thread per page."""
import json
import threading

PAGES = 6
ENTRIES_PER_PAGE = 60_000
ACCOUNTS = [f"ACC-{n:04d}" for n in range(50)]
OVERDRAFT_LIMIT = -50_000_000


def encode_pages():
    pages = []
    for p in range(PAGES):
        entries = [{"id": p * ENTRIES_PER_PAGE + i, "account": ACCOUNTS[(p + i) % len(ACCOUNTS)], "cents": (i * 7919) % 20001 - 10000} for i in range(ENTRIES_PER_PAGE)]
        pages.append(json.dumps({"page": p, "entries": entries}))
    return pages


def check_limits(balances):
    for account, cents in balances.items():
        if cents < OVERDRAFT_LIMIT:
            raise ValueError(f"{account} beyond overdraft limit: {cents}")


def reconcile(pages):
    balances = {}
    balance_lock = threading.Lock()
    rejected = 0

    def work(raw):
        nonlocal rejected
        doc = json.loads(raw)
        local = {}
        for entry in doc["entries"]:  # expect: GIL001
            cents = entry["cents"]
            if cents == 0:
                rejected += 1  # expect: GIL002
                continue
            local[entry["account"]] = local.get(entry["account"], 0) + cents
        balance_lock.acquire()  # expect: GIL005
        for account, cents in local.items():
            balances[account] = balances.get(account, 0) + cents  # ok: GIL002
        check_limits(balances)
        balance_lock.release()

    threads = [threading.Thread(target=work, args=(raw,)) for raw in pages]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return balances, rejected


def main():
    pages = encode_pages()
    balances, rejected = reconcile(pages)
    net = sum(balances.values())
    worst = min(balances.items(), key=lambda kv: kv[1])
    best = max(balances.items(), key=lambda kv: kv[1])
    print(f"{len(pages)} pages, {len(balances)} accounts, {rejected} zero-value entries rejected")
    print(f"net {net / 100:,.2f}; lowest {worst[0]} {worst[1] / 100:,.2f}; highest {best[0]} {best[1] / 100:,.2f}")


if __name__ == "__main__":
    main()
