# Models a geo-IP lookup index that creates its loader and builder threads in __init__ and starts them later.
"""Geo-IP index built in the background, then queried by a pool of lookup workers."""
import bisect
import threading
import time
from concurrent.futures import ThreadPoolExecutor

COUNTRIES = ("DE", "FR", "US", "JP", "BR", "IN", "NZ")


class GeoIndex:
    def __init__(self, raw_lines):
        self._raw = raw_lines
        self._lines = []
        self._loaded = threading.Event()
        self._ready = threading.Event()
        self.starts = []
        self.countries = []
        self.rows_built = 0
        self.lookups = 0
        self.by_country = {}
        self.recent = []
        self._loader = threading.Thread(target=self._load, name="geo-loader")
        self._builder = threading.Thread(target=self._build, name="geo-builder")

    def start(self):
        self._loader.start()
        self._builder.start()

    def join(self):
        self._loader.join()
        self._builder.join()

    def _load(self):
        """Stream raw ranges in chunks, as if reading from a slow disk."""
        for i in range(0, len(self._raw), 10_000):  # ok: GIL001
            self._lines.extend(self._raw[i:i + 10_000])
            time.sleep(0.002)
        self._loaded.set()

    def _build(self):
        """Parse the loaded ranges into a sorted, searchable table."""
        self._loaded.wait()
        parsed = []
        for line in self._lines:  # expect: GIL001
            start, country = line.split(",")
            parsed.append((int(start, 16), country))
            self.rows_built += 1  # ok: GIL002
        parsed.sort()
        starts, countries = zip(*parsed)
        self.starts = list(starts)
        self.countries = list(countries)
        self._ready.set()

    def lookup(self, ip_int):
        self._ready.wait()
        i = bisect.bisect_right(self.starts, ip_int) - 1
        country = self.countries[i] if i >= 0 else "??"
        self.lookups += 1  # expect: GIL002
        self.by_country[country] = self.by_country.get(country, 0) + 1  # expect: GIL002
        self.recent.append(ip_int)
        if len(self.recent) > 16:  # expect: GIL003
            self.recent.pop(0)
        return country


def resolve_batch(index, ips):
    seen = {}
    out = []
    for ip in ips:  # ok: GIL001
        if ip not in seen:  # ok: GIL003
            seen[ip] = index.lookup(ip)
        out.append(seen[ip])
    return out


def main():
    raw = [f"{i * 65536:x},{COUNTRIES[(i * 5) % 7]}" for i in range(60_000)]  # ok: GIL001
    index = GeoIndex(raw)
    batches = [[(b * 7919 + k * 104729) % (60_000 * 65536) for k in range(25)] for b in range(8)]
    index.start()
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(resolve_batch, [index] * len(batches), batches))
    index.join()
    print("rows built:", index.rows_built, "lookups:", index.lookups)
    print("first batch:", results[0][:8], "recent kept:", len(index.recent))
    print("by country:", dict(sorted(index.by_country.items())))


if __name__ == "__main__":
    main()
