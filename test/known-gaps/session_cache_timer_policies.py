# Models a session cache whose eviction sweeps run on timers, each sweep looked up by policy name.
import threading
import time


class SessionCache:
    def __init__(self, capacity, ttl):
        self.entries = {}  # sid -> (created, last_used)
        self.capacity = capacity
        self.ttl = ttl
        self.evicted = 0
        self.lock = threading.Lock()

    def touch(self, sid):
        now = time.monotonic()
        with self.lock:
            created, _ = self.entries.get(sid, (now, now))
            self.entries[sid] = (created, now)

    def sweep_expired(self):
        now = time.monotonic()
        for sid, (created, _) in list(self.entries.items()):
            if now - created > self.ttl and sid in self.entries:  # expect: GIL003
                del self.entries[sid]
                self.evicted += 1  # expect: GIL002

    def sweep_overflow(self):
        with self.lock:
            while len(self.entries) > self.capacity:  # ok: GIL003
                oldest = min(self.entries, key=lambda s: self.entries[s][1])
                del self.entries[oldest]
                self.evicted += 1  # ok: GIL002

    def snapshot(self):
        self.lock.acquire()  # expect: GIL005
        if not self.entries:
            return {}
        copy = dict(self.entries)
        self.lock.release()
        return copy

    def sweepers(self):
        return {"ttl": self.sweep_expired, "size": self.sweep_overflow}


def main():
    config = {"policies": ["ttl", "size"], "delay": 0.03}
    cache = SessionCache(capacity=100, ttl=0.02)
    policies = cache.sweepers()

    for i in range(60):
        cache.touch(f"old-{i}")
    timers = [
        threading.Timer(config["delay"] * (n + 1), policies.get(name, lambda: None))
        for n, name in enumerate(config["policies"])
    ]
    for t in timers:
        t.start()
    for i in range(120):
        cache.touch(f"s{i}")
        time.sleep(0.0005)
    for t in timers:
        t.join()

    live = cache.snapshot()
    print(f"live sessions: {len(live)}, evicted: {cache.evicted}")


if __name__ == "__main__":
    main()
