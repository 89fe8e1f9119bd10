"""Named counters kept in a class-level registry, hit by request threads.

Counter.get() is the lazy lookup everyone calls; quota counters expose an
`exhausted` property that reads the live value.
"""
import functools
import threading
import time

ROUTES = ["/", "/login", "/search", "/cart"]


class Counter:
    registry = {}                      # name -> Counter, shared by every instance
    _registry_lock = threading.Lock()
    lookups = 0

    def __init__(self, name, limit=None):
        self.name = name
        self.value = 0
        self.limit = limit
        self._lock = threading.Lock()

    @classmethod
    def get(cls, name):
        cls.lookups += 1  # expect: GIL002
        if name not in cls.registry:  # expect: GIL003
            cls.registry[name] = cls(name)
        return cls.registry[name]

    @classmethod
    def get_locked(cls, name):
        with cls._registry_lock:
            if name not in cls.registry:  # ok: GIL003
                cls.registry[name] = cls(name)
            return cls.registry[name]

    @property
    def exhausted(self):
        return self.limit is not None and self.value >= self.limit

    def hit(self):
        self.value += 1  # expect: GIL002

    def take(self):
        if not self.exhausted:  # expect: GIL003
            self.value += 1  # expect: GIL002
            return True
        return False

    def take_locked(self):
        with self._lock:
            if not self.exhausted:  # ok: GIL003
                self.value += 1  # ok: GIL002
                return True
        return False

    @staticmethod
    def snapshot():
        return {name: c.value for name, c in Counter.registry.items()}  # ok: GIL001 (a handful of routes)


def handle_request(route):
    Counter.get("requests").hit()
    Counter.get_locked(route)
    time.sleep(0.002)  # render the page


def spend(quota, attempts, locked):
    granted = 0
    for _ in range(attempts):  # ok: GIL001
        ok = quota.take_locked() if locked else quota.take()
        if ok:
            granted += 1  # ok: GIL002
        time.sleep(0.001)
    return granted


def main():
    Counter.get("warmup")  # main thread, before any thread starts
    workers = [threading.Thread(target=handle_request, args=(r,)) for r in ROUTES * 5]
    workers.append(threading.Thread(target=Counter.get, args=("late",)))
    api_quota = Counter("api", limit=40)
    db_quota = Counter("db", limit=40)
    for _ in range(4):
        workers.append(threading.Thread(target=functools.partial(spend, api_quota, 15, False)))
        workers.append(threading.Thread(target=spend, args=(db_quota, 15, True)))
    reporter = threading.Timer(0.01, lambda: print("live:", Counter.snapshot()))
    for w in workers:
        w.start()
    reporter.start()
    for w in workers:
        w.join()
    reporter.join()
    print(f"{Counter.lookups} lookups, api={api_quota.value} db={db_quota.value}")
    print(Counter.snapshot())


if __name__ == "__main__":
    main()
