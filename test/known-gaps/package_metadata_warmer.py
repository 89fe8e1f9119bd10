"""Warm a local cache of package metadata (PKG-INFO style) so `dev resolve` starts instantly."""
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def fake_pkg_info(name, n_deps):
    lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: 1.{len(name)}.0"]
    lines += [f"Requires-Dist: {name}-dep{i} (>=0.{i})" for i in range(n_deps)]
    lines += [f"Classifier: Topic :: Software Development :: Build Tools :: {i}" for i in range(600)]
    return "\n".join(lines)


RAW = {n: fake_pkg_info(n, 25) for n in ("attrs", "click", "jinja2", "rich", "httpx", "pydantic", "pytest")}


class MetadataCache:
    def __init__(self):
        self.lock = threading.Lock()
        self.entries = {}
        self.stats_lock = threading.Lock()
        self.timings = {}
        self.total_ms = 0.0

    @staticmethod
    def parse(text):
        meta = {"requires": []}
        for line in text.splitlines():  # expect: GIL001
            key, sep, value = line.partition(": ")
            if not sep:
                raise ValueError(f"malformed metadata line: {line!r}")
            if key == "Requires-Dist":
                meta["requires"].append(value.split(" ")[0])
            elif key in ("Name", "Version"):
                meta[key.lower()] = value
        return meta

    def warm(self, name):
        started = time.perf_counter()
        time.sleep(0.01)  # reading the wheel's METADATA from the index
        text = RAW[name]
        self.lock.acquire()  # expect: GIL005
        self.entries[name] = self.parse(text)
        self.lock.release()
        self.record(name, (time.perf_counter() - started) * 1000)
        return name

    def record(self, name, ms):
        self.stats_lock.acquire()  # ok: GIL005
        try:
            self.timings[name] = ms
            self.total_ms += ms  # ok: GIL002
        finally:
            self.stats_lock.release()

    def requires(self, name):
        with self.lock:
            return list(self.entries[name]["requires"])


def main():
    cache = MetadataCache()
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="warm") as pool:
        warmed = list(pool.map(cache.warm, RAW))
    for name in warmed:
        meta = cache.entries[name]
        print(f"{meta['name']:<9} {meta['version']:<7} {len(cache.requires(name))} deps  {cache.timings[name]:.1f} ms")
    print(f"warmed {len(warmed)} packages, {cache.total_ms:.0f} ms total worker time")


if __name__ == "__main__":
    main()
