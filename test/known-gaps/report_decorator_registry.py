"""Nightly report builder: report classes are registered with a class
decorator and looked up by name from CONFIG; builds run on a thread pool."""
import hashlib
import os
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

CONFIG = {
    "reports": ["sales", "inventory", "sales"],
    "regions": 8,
    "orders_per_region": 20_000,
    "ledger_bytes": 4 * 1024 * 1024,
    "read_chunk": 65_536,
    "workers": 3,
}

REPORTS = {}


def report(name):
    def register(cls):
        REPORTS[name] = cls
        return cls
    return register


class ReportCache:
    def __init__(self):
        self._lock = threading.Lock()
        self._done = {}
        self._order = []

    def lookup(self, key):
        self._lock.acquire()  # expect: GIL005
        if key in self._done:
            return self._done[key]
        self._order.append(key)
        self._lock.release()
        return None

    def store(self, key, value):
        self._lock.acquire()  # ok: GIL005
        try:
            self._done[key] = value
        finally:
            self._lock.release()


@report("sales")
class SalesReport:
    def build(self, key, cache, ledger_path):
        if cache.lookup(key) is not None:
            return key, "cached"
        totals = []
        for region in range(CONFIG["regions"]):  # expect: GIL001
            revenue = 0
            for order in range(CONFIG["orders_per_region"]):
                revenue += (order * 37 + region * 11) % 97
            totals.append(revenue)
        cache.store(key, totals)
        return key, sum(totals)


@report("inventory")
class InventoryReport:
    def build(self, key, cache, ledger_path):
        if cache.lookup(key) is not None:
            return key, "cached"
        digest = hashlib.sha256()
        with open(ledger_path, "rb") as fh:
            while True:  # ok: GIL001
                chunk = fh.read(CONFIG["read_chunk"])
                if not chunk:
                    break
                digest.update(chunk)
        cache.store(key, digest.hexdigest())
        return key, digest.hexdigest()[:16]


def main():
    fd, ledger_path = tempfile.mkstemp(suffix=".ledger")
    with os.fdopen(fd, "wb") as fh:
        fh.write(os.urandom(CONFIG["ledger_bytes"]))
    cache = ReportCache()
    try:
        with ThreadPoolExecutor(max_workers=CONFIG["workers"]) as pool:
            futures = [pool.submit(REPORTS[name]().build, f"{name}-{i}", cache, ledger_path)
                       for i, name in enumerate(CONFIG["reports"])]
            for fut in futures:
                print(*fut.result())
    finally:
        os.remove(ledger_path)


if __name__ == "__main__":
    main()
