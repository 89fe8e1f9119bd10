"""Users table with secondary indexes on city and age band, kept up to date by loader threads."""
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

CITIES = ["Oslo", "Lima", "Pune", "Kyiv", "Perth", "Quito"]


class UsersTable:
    def __init__(self):
        self.rows = {}
        self.by_city = {}
        self.by_band = {}
        self.row_lock = threading.Lock()
        self.index_lock = threading.Lock()
        self.inserted = 0
        self.index_entries = 0

    def insert(self, pk, name, city, age):
        with self.row_lock:
            if pk in self.rows:  # ok: GIL003
                return False
            self.rows[pk] = (name, city, age)
            self.inserted += 1  # ok: GIL002
        if city not in self.by_city:  # expect: GIL003
            self.by_city[city] = []
        self.by_city[city].append(pk)
        band = age // 10 * 10
        with self.index_lock:
            self.by_band.setdefault(band, []).append(pk)
            self.index_entries += 2  # ok: GIL002
        return True


def load_batch(table, batch_no, count):
    rng = random.Random(batch_no)
    loaded = 0
    for i in range(count):  # ok: GIL001
        pk = batch_no * 10_000 + i
        if table.insert(pk, f"user{pk}", rng.choice(CITIES), rng.randint(18, 90)):
            loaded += 1  # ok: GIL002
        time.sleep(0.0005)
    return loaded


def rebuild_age_histogram(table):
    with table.row_lock:
        snapshot = list(table.rows.values())
    histogram = {}
    for _name, city, age in snapshot:  # expect: GIL001
        key = (city, age // 5 * 5)
        histogram[key] = histogram.get(key, 0) + 1  # ok: GIL002
    return histogram


def main():
    table = UsersTable()
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(load_batch, table, b, 150) for b in range(4)]
        loaded = sum(f.result() for f in futures)
        hist = pool.submit(rebuild_age_histogram, table).result()
    city_total = sum(len(pks) for pks in table.by_city.values())
    band_total = sum(len(pks) for pks in table.by_band.values())
    print("rows loaded:", loaded, "inserted:", table.inserted)
    print("city index entries:", city_total, "band index entries:", band_total)
    print("histogram buckets:", len(hist), "index entries counted:", table.index_entries)


if __name__ == "__main__":
    main()
