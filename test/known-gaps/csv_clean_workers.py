"""Clean a CRM contact export before it is loaded into the warehouse.

The raw CSV is read on the main thread and split into chunks; each chunk is
cleaned by its own worker thread (trim, fix phone numbers, normalise dates,
reject rows that cannot be repaired).  Cleaned rows are written back out to a
new CSV next to the input.
"""
import csv
import functools
import logging
import os
import tempfile
import threading
import time

log = logging.getLogger("csvclean")

FIELDS = ["id", "name", "email", "phone", "signup", "country"]
MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


class RejectRow(ValueError):
    pass


class CleaningStats:
    """Counters shared by all workers; exposed as properties for the dashboard."""

    def __init__(self):
        self._rejected = 0
        self.rows_in = 0
        self.reasons = {}
        self._lock = threading.Lock()

    @property
    def rejected(self):
        return self._rejected

    @rejected.setter
    def rejected(self, value):
        self._rejected = value

    def reason(self, why):
        with self._lock:
            self.reasons[why] = self.reasons.get(why, 0) + 1  # ok: GIL002


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        result = fn(*args, **kwargs)
        log.debug("%s %s: %.1f ms", threading.current_thread().name, fn.__name__,
                  (time.perf_counter() - t0) * 1000)
        return result
    return wrapper


class Cleaner:
    def clean_phone(self, raw):
        digits = []
        for ch in raw:
            if "0" <= ch <= "9":
                digits.append(ch)
        if len(digits) < 10:
            raise RejectRow("phone")
        return "+1-" + "".join(digits[-10:-7]) + "-" + "".join(digits[-7:-4]) + "-" + "".join(digits[-4:])

    def clean_date(self, raw):
        parts = raw.replace("/", " ").replace("-", " ").split()
        if len(parts) != 3:
            raise RejectRow("date")
        day, month, year = parts
        month = MONTHS.get(month[:3].lower(), month)
        return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"

    def clean_row(self, row):
        return {
            "id": row["id"].strip(),
            "name": " ".join(w.capitalize() for w in row["name"].split()),
            "email": row["email"].strip().lower(),
            "phone": self.clean_phone(row["phone"]),
            "signup": self.clean_date(row["signup"]),
            "country": row["country"].strip().upper() or "US",
        }


class StrictCleaner(Cleaner):
    def clean_row(self, row):
        cleaned = super().clean_row(row)
        if "@" not in cleaned["email"]:
            raise RejectRow("email")
        return cleaned


@timed
def clean_chunk(cleaner, rows, out, stats):
    for row in rows:  # expect: GIL001
        try:
            out.append(cleaner.clean_row(row))
        except RejectRow as exc:
            stats.rejected += 1  # expect: GIL002
            stats.reason(str(exc))


def write_raw(path, n=16000):
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(FIELDS)
        for i in range(n):
            phone = f"({555 + i % 3}) {i % 1000:03d}-{i % 10000:04d}" if i % 37 else "n/a"
            date = f"{1 + i % 28} {list(MONTHS)[i % 12].title()} {2015 + i % 9}" if i % 53 else "someday"
            w.writerow([f" {i} ", f"  ada   LOVELACE{i % 7} ", f"User{i}@Example.COM" if i % 91 else "bad",
                        phone, date, "" if i % 5 else "gb"])


def run(path, workers=3):
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    stats = CleaningStats()
    stats.rows_in += len(rows)  # ok: GIL002
    cleaner = StrictCleaner()
    outputs = [[] for _ in range(workers)]
    threads = []
    for n in range(workers):
        t = threading.Thread(target=clean_chunk, args=(cleaner, rows[n::workers], outputs[n], stats),
                             name=f"clean-{n}")
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    cleaned = sorted((r for chunk in outputs for r in chunk), key=lambda r: int(r["id"]))
    out_path = path.replace(".csv", ".clean.csv")
    with open(out_path, "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS)
        w.writeheader()
        w.writerows(cleaned)
    return stats, len(cleaned), out_path


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "contacts.csv")
        write_raw(raw)
        t0 = time.perf_counter()
        stats, kept, out_path = run(raw)
        log.info("cleaned %d of %d rows in %.2fs; rejected %d (%s)", kept, stats.rows_in,
                 time.perf_counter() - t0, stats.rejected, dict(sorted(stats.reasons.items())))
        log.info("wrote %s (%d bytes)", os.path.basename(out_path), os.path.getsize(out_path))
