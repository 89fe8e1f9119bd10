#!/usr/bin/env python3
"""Ingest a JSON-lines clickstream export into a shared in-memory sqlite database."""
import json
import os
import sqlite3
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

KINDS = ("view", "click", "purchase")
CHUNK = 500
tls = threading.local()


class SharedStore:
    def __init__(self):
        self.conn = sqlite3.connect(":memory:", check_same_thread=False)
        self.conn.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT, user TEXT, ts REAL)")
        self.lock = threading.Lock()
        self.inserted = 0

    def insert_batch(self, rows):
        with self.lock:
            cur = self.conn.executemany("INSERT OR REPLACE INTO events VALUES (?, ?, ?, ?)", rows)
            self.conn.commit()
            self.inserted += cur.rowcount  # ok: GIL002


def write_export(path, n=3000):
    with open(path, "w") as fh:
        for i in range(n):
            if i % 97 == 0:
                fh.write("{truncated json\n")
                continue
            event = {"id": i, "kind": KINDS[i % 3], "user": f"u{i % 113}", "ts": 1.7e9 + i}
            fh.write(json.dumps(event) + "\n")


def ingest_chunk(store, lines):
    tls.bad = 0
    rows = []
    for line in lines:  # expect: GIL001
        try:
            ev = json.loads(line)
        except json.JSONDecodeError:
            tls.bad += 1  # ok: GIL002
            continue
        rows.append((ev["id"], ev["kind"], ev["user"], ev["ts"]))
    store.insert_batch(rows)
    return len(rows), tls.bad


def main():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "events.jsonl")
        write_export(path)
        with open(path) as fh:
            lines = fh.readlines()
    store = SharedStore()
    chunks = [lines[i:i + CHUNK] for i in range(0, len(lines), CHUNK)]
    good_total = bad_total = 0
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="ingest") as pool:
        for good, bad in pool.map(ingest_chunk, [store] * len(chunks), chunks):
            good_total += good  # ok: GIL002
            bad_total += bad  # ok: GIL002
    with store.lock:
        by_kind = dict(store.conn.execute("SELECT kind, COUNT(*) FROM events GROUP BY kind"))
    print(f"good={good_total} bad={bad_total} inserted={store.inserted} by_kind={by_kind}")


if __name__ == "__main__":
    main()
