#!/usr/bin/env python3
"""Validate payroll CSV rows per department and load the clean ones into a shared sqlite DB."""
import csv
import os
import random
import sqlite3
import tempfile
import threading

DEPTS = ["ENG", "OPS", "SALES", "FIN"]


class RunStats:
    def __init__(self):
        self.lock = threading.Lock()
        self.valid = 0
        self.errors = 0
        self.by_dept = {}


def make_payroll_csv(path, n=1600, seed=4):
    rng = random.Random(seed)
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["employee_id", "dept", "gross", "tax"])
        for i in range(n):
            gross = rng.uniform(1800, 9000)
            tax = gross * rng.uniform(0.1, 0.45) if i % 53 else gross * 1.2
            emp = str(10_000 + i) if i % 71 else f"X{i}"
            w.writerow([emp, DEPTS[i % len(DEPTS)], f"{gross:.2f}", f"{tax:.2f}" if i % 89 else "?"])


def problem_with(row):
    if not row["employee_id"].isdigit():
        return "non-numeric id"
    try:
        gross, tax = float(row["gross"]), float(row["tax"])
    except ValueError:
        return "unparseable amount"
    if gross <= 0 or tax > gross:
        return "tax exceeds gross"
    return None


def audit(conn, conn_lock, note):
    conn_lock.acquire()  # ok: GIL005
    try:
        conn.execute("INSERT INTO audit VALUES (?)", (note,))
        conn.commit()
    finally:
        conn_lock.release()


class ShardValidator(threading.Thread):
    def __init__(self, dept, rows, stats, conn, conn_lock):
        super().__init__(name=f"validate-{dept}")
        self.dept, self.rows, self.stats = dept, rows, stats
        self.conn, self.conn_lock = conn, conn_lock
        self.rejected = []

    def run(self):
        good = []
        for row in self.rows:  # expect: GIL001
            reason = problem_with(row)
            if reason:
                self.rejected.append((row["employee_id"], reason))
                self.stats.errors += 1  # expect: GIL002
                continue
            good.append((int(row["employee_id"]), self.dept, float(row["gross"]), float(row["tax"])))
        written = self.write_batch(good)
        with self.stats.lock:
            self.stats.valid += written  # ok: GIL002
            self.stats.by_dept[self.dept] = self.stats.by_dept.get(self.dept, 0) + written  # ok: GIL002
        audit(self.conn, self.conn_lock, f"{self.dept}: {written} loaded, {len(self.rejected)} rejected")

    def write_batch(self, good):
        self.conn_lock.acquire()  # expect: GIL005
        if not good:
            return 0
        self.conn.executemany("INSERT INTO payroll VALUES (?, ?, ?, ?)", good)
        self.conn.commit()
        self.conn_lock.release()
        return len(good)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "payroll.csv")
        make_payroll_csv(path)
        with open(path, newline="") as fh:
            rows = list(csv.DictReader(fh))
    by_dept = {d: [] for d in DEPTS}
    for row in rows:
        by_dept[row["dept"]].append(row)
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.execute("CREATE TABLE payroll (employee_id INTEGER PRIMARY KEY, dept TEXT, gross REAL, tax REAL)")
    conn.execute("CREATE TABLE audit (note TEXT)")
    stats, conn_lock = RunStats(), threading.Lock()
    workers = [ShardValidator(d, r, stats, conn, conn_lock) for d, r in by_dept.items()]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    for (note,) in conn.execute("SELECT note FROM audit ORDER BY note"):
        print(" ", note)
    print(f"valid={stats.valid} errors={stats.errors} by_dept={stats.by_dept}")


if __name__ == "__main__":
    main()
