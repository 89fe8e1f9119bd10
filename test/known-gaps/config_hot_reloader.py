"""Feature-flag service that hot-reloads a JSON config file while request workers read it."""
import json
import os
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

POLL_INTERVAL = 0.01
DEFAULT_LIMIT = 100


class ConfigWatcher(threading.Thread):
    def __init__(self, path):
        super().__init__(name="config-watcher", daemon=True)
        self.path = path
        self._lock = threading.Lock()
        self._last_text = None
        self.settings = {}
        self.reloads = 0
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.wait(POLL_INTERVAL):
            with open(self.path, encoding="utf-8") as fh:
                text = fh.read()
            if text != self._last_text:  # ok: GIL003
                self._apply(text)

    def _apply(self, text):
        self._lock.acquire()  # expect: GIL005
        fresh = json.loads(text)
        self.settings.clear()
        self.settings.update(fresh)
        self._last_text = text
        self.reloads += 1  # ok: GIL002
        self._lock.release()

    def flag(self, name):
        with self._lock:
            return bool(self.settings.get("flags", {}).get(name, False))

    def rate_limit(self):
        if "rate_limit" in self.settings:  # expect: GIL003
            return self.settings["rate_limit"]
        return DEFAULT_LIMIT


def write_config(path, version):
    payload = {"version": version, "rate_limit": 50 + version * 5,
               "flags": {"new_checkout": version % 2 == 0, "dark_mode": True}}
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(payload, fh)
    os.replace(tmp, path)


def handle_requests(watcher, worker_id, count):
    served = []
    for _ in range(count):
        limit = watcher.rate_limit()
        checkout = "new" if watcher.flag("new_checkout") else "old"
        served.append((limit, checkout))
        time.sleep(0.002)
    return worker_id, served


def main():
    fd, path = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    write_config(path, 0)
    watcher = ConfigWatcher(path)
    watcher.start()
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = [pool.submit(handle_requests, watcher, n, 120) for n in range(3)]
        for version in range(1, 6):
            time.sleep(0.05)
            write_config(path, version)
        outcomes = [f.result() for f in futures]
    watcher.stopped.set()
    watcher.join()
    os.remove(path)
    for worker_id, served in outcomes:
        limits = sorted({limit for limit, _ in served})
        new_share = sum(1 for _, c in served if c == "new") / len(served)
        print(f"worker {worker_id}: limits seen {limits}, new checkout {new_share:.0%}")
    print(f"config reloaded {watcher.reloads} times")


if __name__ == "__main__":
    main()
