"""Merge customer records from three source systems into one golden table.

Rows from billing, support and the newsletter tool are keyed by a folded
e-mail address.  The first version of the merger (still used for the nightly
dry run) updates the shared index without a lock; the production merger wraps
every index access in the index's own context manager.
"""
import csv
import io
import logging
import threading
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

log = logging.getLogger("merge")

_FOLD = {"ä": "a", "ö": "o", "ü": "u", "é": "e", "è": "e", "ß": "ss", "ø": "o", "å": "a"}


def fold_email(raw):
    local, _, domain = raw.strip().lower().partition("@")
    local = local.split("+", 1)[0]
    if domain in ("gmail.com", "googlemail.com"):
        local, domain = local.replace(".", ""), "gmail.com"
    out = []
    for ch in local:
        out.append(_FOLD.get(ch, ch))
    return "".join(out) + "@" + domain


@dataclass
class Record:
    key: str
    names: set = field(default_factory=set)
    sources: list = field(default_factory=list)
    lifetime_value: float = 0.0

    def merge(self, source, row):
        self.names.add(unicodedata.normalize("NFC", row["name"].strip()))
        self.sources.append(source)
        self.lifetime_value += float(row.get("ltv") or 0)


class GoldenIndex:
    """records + counters; `with index:` holds its lock."""

    def __init__(self):
        self.records = {}
        self.conflicts = 0
        self._lock = threading.RLock()

    def __enter__(self):
        self._lock.acquire()
        return self

    def __exit__(self, *exc):
        self._lock.release()


def merge_source_dry_run(source, rows, index):
    merged = 0
    for row in rows:  # expect: GIL001
        key = fold_email(row["email"])
        if key in index.records:  # expect: GIL003
            index.conflicts += 1  # expect: GIL002
        else:
            index.records[key] = Record(key)
        index.records[key].merge(source, row)
        merged += 1  # ok: GIL002
    return source, merged


def merge_source(source, rows, index):
    merged = 0
    for row in rows:  # expect: GIL001
        key = fold_email(row["email"])
        with index:
            if key not in index.records:  # ok: GIL003
                index.records[key] = Record(key)
            else:
                index.conflicts += 1  # ok: GIL002
            index.records[key].merge(source, row)
        merged += 1
    return source, merged


def export_source(source, n, offset):
    """Each source system hands us a CSV dump; overlapping customers share ids."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["email", "name", "ltv"])
    w.writeheader()
    for i in range(offset, offset + n):
        user = f"jörg.müller{i}" if i % 4 == 0 else f"customer.{i}"
        plus = "+news" if source == "newsletter" else ""
        domain = "googlemail.com" if i % 3 == 0 else "example.org"
        w.writerow({"email": f"{user}{plus}@{domain}".upper() if i % 2 else f"{user}{plus}@{domain}",
                    "name": f"Customer {i}", "ltv": f"{(i % 97) * 1.5:.2f}"})
    return list(csv.DictReader(io.StringIO(buf.getvalue())))


def run_merge(sources, merger, workers=3):
    index = GoldenIndex()
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=merger.__name__)
    futures = {pool.submit(merger, name, rows, index): name for name, rows in sources.items()}
    counts = {}
    for fut in as_completed(futures):
        name, merged = fut.result()
        counts[name] = merged
    pool.shutdown()
    return index, counts


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    sources = {
        "billing": export_source("billing", 10000, 0),
        "support": export_source("support", 10000, 5000),
        "newsletter": export_source("newsletter", 10000, 7000),
    }
    total_rows = sum(len(r) for r in sources.values())
    for merger in (merge_source_dry_run, merge_source):
        t0 = time.perf_counter()
        index, counts = run_merge(sources, merger)
        log.info("%-20s %d rows -> %d golden records, %d conflicts (%.2fs) %s",
                 merger.__name__, total_rows, len(index.records), index.conflicts,
                 time.perf_counter() - t0, counts)
    sample = next(iter(index.records.values()))
    log.info("sample %s from %s, ltv %.2f", sample.key, sample.sources, sample.lifetime_value)
