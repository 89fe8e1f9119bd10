#!/usr/bin/env python3
"""ETL step: parse CSV text chunks on a pool, normalise rows, load them into a table."""
import csv
import io
import random
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from functools import partial
from operator import itemgetter

REGIONS = ["emea", "apac", "amer"]


def make_chunks(n_rows, chunk_rows, seed=9):
    rng = random.Random(seed)
    chunks = []
    for start in range(0, n_rows, chunk_rows):
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["id", "name", "amount", "region"])
        for i in range(start, min(start + chunk_rows, n_rows)):
            amount = "n/a" if i % 53 == 0 else "%.2f" % rng.uniform(1, 500)
            writer.writerow([i % 900, " Customer %d " % i, amount, rng.choice(REGIONS).upper()])
        chunks.append(buf.getvalue())
    return chunks


def check_batch(rows):
    if len(set(map(itemgetter("id"), rows))) != len(rows):
        raise ValueError("duplicate ids inside one batch")


def run_etl(chunks):
    table = []
    table_lock = threading.Lock()
    seen_ids = set()
    errors = 0
    loaded = 0

    def transform(text, currency="EUR"):
        nonlocal errors
        rows = []
        for rec in csv.DictReader(io.StringIO(text)):  # expect: GIL001
            try:
                row = {"id": int(rec["id"]), "name": rec["name"].strip(),
                       "amount": round(float(rec["amount"]), 2), "currency": currency,
                       "region": rec["region"].lower()}
            except (ValueError, KeyError):
                errors += 1  # expect: GIL002
                continue
            if row["id"] in seen_ids:  # expect: GIL003
                continue
            seen_ids.add(row["id"])
            rows.append(row)
        return rows

    def load(rows):
        nonlocal loaded
        table_lock.acquire()  # expect: GIL005
        check_batch(rows)
        table.extend(rows)
        loaded += len(rows)  # ok: GIL002
        table_lock.release()
        return len(rows)

    to_rows = partial(transform, currency="USD")
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="etl") as pool:
        futs = [pool.submit(lambda c=c: load(to_rows(c))) for c in chunks]
        per_batch = [f.result() for f in as_completed(futs)]
    return table, loaded, errors, per_batch


def main():
    chunks = make_chunks(3000, 250)
    table, loaded, errors, per_batch = run_etl(chunks)
    by_region = {}
    for row in table:
        by_region[row["region"]] = by_region.get(row["region"], 0) + row["amount"]  # ok: GIL002
    print("chunks=%d loaded=%d rejected=%d batches=%d"
          % (len(chunks), loaded, errors, len(per_batch)))
    for region, amount in sorted(by_region.items()):
        print("  %-5s %12.2f" % (region, amount))


if __name__ == "__main__":
    main()
