"""End-of-day ledger batch: sort, total and export 200,000 transactions in threads using C builtins only."""
import operator
import os
import tempfile
import threading
import time

TXN_COUNT = 200_000
WRITE_PIECE = 1 << 20

REPORT = {"jobs": 0}
report_lock = threading.Lock()
start_gate = threading.Event()
by_id, by_account, by_amount = (operator.itemgetter(k) for k in range(3))


def load_transactions(n):
    return [(f"T{i:07d}", f"ACC{(i * 7919) % 5000:05d}", (i * 104729) % 200_000 - 100_000)  # ok: GIL001
            for i in range(n)]


def sort_job(txns):
    start_gate.wait()
    ordered = sorted(txns, key=operator.itemgetter(1, 0))  # ok: GIL001
    with report_lock:
        REPORT["first"] = ordered[0][:2]
        REPORT["jobs"] += 1  # ok: GIL002


def totals_job(txns):
    start_gate.wait()
    amounts = list(map(by_amount, txns))  # ok: GIL001
    net, largest = sum(amounts), max(amounts)  # ok: GIL001
    with report_lock:
        REPORT["net"], REPORT["largest"] = net, largest
        REPORT["jobs"] += 1  # ok: GIL002


def export_job(txns, path):
    start_gate.wait()
    rows = zip(map(by_id, txns), map(by_account, txns), map(str, map(by_amount, txns)))
    data = "\n".join(map(",".join, rows)).encode()  # ok: GIL001
    with open(path, "wb") as fh:
        for offset in range(0, len(data), WRITE_PIECE):  # ok: GIL001
            fh.write(data[offset:offset + WRITE_PIECE])
    with report_lock:
        REPORT["exported_bytes"] = len(data)
        REPORT["jobs"] += 1  # ok: GIL002


if __name__ == "__main__":
    txns = load_transactions(TXN_COUNT)
    with tempfile.TemporaryDirectory() as tmp:
        jobs = {"sort": (sort_job, (txns,)), "totals": (totals_job, (txns,)),
                "export": (export_job, (txns, os.path.join(tmp, "ledger.csv")))}
        threads = [threading.Thread(target=fn, args=args, name=name) for name, (fn, args) in jobs.items()]
        for t in threads:
            t.start()
        started = time.perf_counter()
        start_gate.set()
        for t in threads:
            t.join()
        size = os.path.getsize(os.path.join(tmp, "ledger.csv"))
    print(f"{REPORT['jobs']} jobs in {time.perf_counter() - started:.2f}s; net {REPORT['net']:,}, "
          f"largest {REPORT['largest']:,}, first {REPORT['first']}, csv {size / 1e6:.1f} MB")
