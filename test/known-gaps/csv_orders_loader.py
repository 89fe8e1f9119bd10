#!/usr/bin/env python3
"""Nightly order import: CSV shards -> sqlite temp file, one connection per loader thread."""
import csv
import os
import random
import sqlite3
import tempfile
import threading

table_counts = {"orders": 0, "rejects": 0}
seen_order_ids = set()
write_lock = threading.Lock()


def write_shards(tmpdir, shards=4, rows=400):
    rng = random.Random(11)
    paths = []
    for s in range(shards):
        path = os.path.join(tmpdir, f"orders_{s}.csv")
        with open(path, "w", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(["order_id", "customer", "amount"])
            for _ in range(rows):
                amount = rng.choice([f"{rng.uniform(1, 400):.2f}"] * 8 + ["", "n/a"])
                out.writerow([rng.randint(1, 900), f"cust{rng.randint(1, 40)}", amount])
        paths.append(path)
    return paths


def fnv1a(payload):
    h = 0xCBF29CE484222325
    for byte in payload:  # expect: GIL001
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def load_shard(db_path, csv_path):
    conn = sqlite3.connect(db_path, timeout=10)
    with open(csv_path, "rb") as fh:
        raw = fh.read()
    digest = fnv1a(raw)
    accepted = []
    for row in csv.DictReader(raw.decode().splitlines()):  # expect: GIL001
        try:
            amount = float(row["amount"])
        except ValueError:
            table_counts["rejects"] += 1  # expect: GIL002
            continue
        if row["order_id"] not in seen_order_ids:  # expect: GIL003
            seen_order_ids.add(row["order_id"])
            accepted.append((int(row["order_id"]), row["customer"], amount))
    with write_lock:
        conn.executemany("INSERT OR IGNORE INTO orders VALUES (?, ?, ?)", accepted)
        conn.execute("INSERT INTO shard_log VALUES (?, ?)",
                     (os.path.basename(csv_path), f"{digest:016x}"))
        conn.commit()
        table_counts["orders"] += len(accepted)  # ok: GIL002
    conn.close()


def main():
    with tempfile.TemporaryDirectory() as tmpdir:
        db_path = os.path.join(tmpdir, "warehouse.db")
        setup = sqlite3.connect(db_path)
        setup.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT, amount REAL)")
        setup.execute("CREATE TABLE shard_log (shard TEXT, digest TEXT)")
        setup.commit()
        setup.close()
        threads = [threading.Thread(target=load_shard, args=(db_path, p), name=f"loader-{i}")
                   for i, p in enumerate(write_shards(tmpdir))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        check = sqlite3.connect(db_path)
        stored = check.execute("SELECT COUNT(*) FROM orders").fetchone()[0]
        shards = check.execute("SELECT COUNT(*) FROM shard_log").fetchone()[0]
        check.close()
    print(f"shards={shards} stored={stored} counted={table_counts}")


if __name__ == "__main__":
    main()
