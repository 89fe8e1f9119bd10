# Models page-view tallies in a threaded web app, comparing safe and unsafe ways to count.
import functools
import itertools
import random
import threading

hits_total = 0
hits_locked = 0
hits_lock = threading.Lock()
_request_state = threading.local()
first_visitor = {}


class UnsafeCounter:
    def __init__(self):
        self.value = 0

    def increment(self):
        self.value += 1  # expect: GIL002


class LockedCounter:
    def __init__(self):
        self.value = 0
        self._lock = threading.Lock()

    def increment(self, n=1):
        with self._lock:
            self.value += n  # ok: GIL002


class MutexCounter:
    """Same idea with a binary semaphore and explicit acquire/release."""

    def __init__(self):
        self.value = 0
        self._mutex = threading.Semaphore(1)

    def increment(self):
        self._mutex.acquire()  # ok: GIL005
        try:
            self.value += 1  # ok: GIL002
        finally:
            self._mutex.release()


class RequestIds:
    def __init__(self):
        self._ids = itertools.count(1)

    def next_id(self):
        return next(self._ids)  # ok: GIL002


def note_request():
    _request_state.served = getattr(_request_state, "served", 0) + 1  # ok: GIL002
    return _request_state.served


def serve_pages(pages, counters, per_page, ids, served_log):
    global hits_total, hits_locked
    last_id = 0
    for page in pages:
        counters["unsafe"].increment()
        counters["locked"].increment()
        counters["mutex"].increment()
        per_page[page] = per_page.get(page, 0) + 1  # expect: GIL002
        if page not in first_visitor:  # expect: GIL003
            first_visitor[page] = threading.current_thread().name
        hits_total += 1  # expect: GIL002
        with hits_lock:
            hits_locked += 1  # ok: GIL002
        last_id = ids.next_id()
        note_request()
    served_log.append((threading.current_thread().name, _request_state.served, last_id))


def synthetic_log(site, n):
    return [f"10.0.0.{i % 250} GET {site[i % 5]} {404 if i % 9 == 0 else 200} 3" for i in range(n)]  # ok: GIL001


def replay_access_log(lines, summary):
    """Re-count yesterday's access log so the dashboard has a baseline."""
    status_counts = {}
    for line in lines:  # expect: GIL001
        status = line.rsplit(" ", 2)[1]
        status_counts[status] = status_counts.get(status, 0) + 1  # ok: GIL002
    summary.update(status_counts)


def main():
    rng = random.Random(7)
    site = ["/", "/pricing", "/docs", "/blog", "/login"]
    counters = {"unsafe": UnsafeCounter(), "locked": LockedCounter(), "mutex": MutexCounter()}
    counters["locked"].increment(0)
    per_page = {}
    ids = RequestIds()
    served_log = []

    batches = [[rng.choice(site) for _ in range(300)] for _ in range(6)]
    old_log = synthetic_log(site, 120_000)
    baseline = {}
    replay = threading.Thread(target=functools.partial(replay_access_log, old_log, baseline))
    replay.start()
    threads = [
        threading.Thread(target=lambda b=b: serve_pages(b, counters, per_page, ids, served_log),
                         name=f"http-{i}")
        for i, b in enumerate(batches)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    replay.join()

    expected = sum(len(b) for b in batches)
    print(f"expected={expected} total={hits_total} locked={hits_locked}")
    print({name: c.value for name, c in counters.items()}, "per page:", sum(per_page.values()))
    print("per-thread served:", sorted(s for _, s, _ in served_log), "baseline:", baseline)
    print("first visitors:", len(first_visitor))


if __name__ == "__main__":
    main()
