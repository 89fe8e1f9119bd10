"""Parallel full-table scan: query workers filter an orders table and aggregate revenue per region."""
import random
import threading
from concurrent.futures import ThreadPoolExecutor

REGIONS = ("north", "south", "east", "west", "central")
STATUSES = ("paid", "paid", "paid", "refunded", "pending")

totals = {}
rows_scanned = 0
report_lock = threading.Lock()
slow_report = []


def make_orders(n, seed=11):
    r = random.Random(seed)
    return [(i, r.choice(REGIONS), r.randint(1, 1000), r.choice(STATUSES)) for i in range(n)]  # ok: GIL001


def scan_revenue(rows, min_amount):
    global rows_scanned
    matched = 0
    for _oid, region, amount, status in rows:  # expect: GIL001
        if status != "paid" or amount < min_amount:
            continue
        totals[region] = totals.get(region, 0) + amount  # expect: GIL002
        matched += 1  # ok: GIL002
    rows_scanned += len(rows)  # expect: GIL002
    return matched


def scan_big_refunds(rows):
    hits = [r[0] for r in rows if r[3] == "refunded" and r[2] > 990]  # expect: GIL001
    with report_lock:
        slow_report.extend(hits)
    return len(hits)


def partition(rows, parts):
    size = (len(rows) + parts - 1) // parts
    return [rows[i:i + size] for i in range(0, len(rows), size)]


def main():
    orders = make_orders(60_000)
    parts = partition(orders, 6)
    with ThreadPoolExecutor(max_workers=6) as pool:
        matched = sum(pool.map(lambda p: scan_revenue(p, 100), parts))
        refunds = sum(pool.map(scan_big_refunds, parts))
    expected = {}
    for _oid, region, amount, status in orders:  # ok: GIL001
        if status == "paid" and amount >= 100:
            expected[region] = expected.get(region, 0) + amount  # ok: GIL002
    print("matched rows:", matched, "scanned:", rows_scanned, "big refunds:", refunds)
    for region in REGIONS:
        print(f"  {region:8s} {totals.get(region, 0):>10d} expected {expected[region]:>10d}")


if __name__ == "__main__":
    main()
