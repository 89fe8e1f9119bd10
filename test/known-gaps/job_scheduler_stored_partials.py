# Models an in-process cron-style scheduler that fires maintenance jobs on timer threads.
"""In-process job scheduler for periodic maintenance."""

import threading
import time
from collections import Counter
from functools import partial

STATS_ITEMS = 200_000


class Scheduler:
    def __init__(self):
        self.jobs = {}
        self.run_counts = {}
        self.failures = Counter()
        self.paused = set()
        self._lock = threading.Lock()
        self._running = set()
        self._timers = []

    def register(self, name, func):
        self.jobs[name] = func
        self.run_counts[name] = 0

    def schedule(self, name, delay):
        timer = threading.Timer(delay, self._fire, args=(name,))
        timer.daemon = True
        self._timers.append(timer)
        timer.start()

    def _fire(self, name):
        func = self.jobs[name]
        if name in self._running:  # expect: GIL003
            return
        self._running.add(name)
        try:
            func()
            self.run_counts[name] += 1  # expect: GIL002
        except Exception:
            with self._lock:
                self.failures[name] += 1  # ok: GIL002
        finally:
            self._running.discard(name)

    def run_exclusive(self, names, window):
        """Run a group of jobs back to back inside the maintenance window."""
        completed = []
        for name in names:
            window.acquire()  # expect: GIL005
            if name in self.paused:
                break
            self.jobs[name]()
            window.release()
            completed.append(name)
        return completed

    def wait_all(self):
        for timer in self._timers:  # ok: GIL001
            timer.join()


def rotate_logs(state):
    state["rotations"] = state.get("rotations", 0) + 1  # expect: GIL002


def compact_database(lease, state):
    if not lease.acquire(timeout=0.5):  # ok: GIL005
        return
    try:
        state["compactions"] += 1  # ok: GIL002
        time.sleep(0.002)
    finally:
        lease.release()


def rebuild_search_stats(state):
    """Recompute bucketed term statistics from scratch."""
    totals = {}
    for i in range(STATS_ITEMS):  # expect: GIL001
        key = i % 97
        totals[key] = totals.get(key, 0) + i  # ok: GIL002
    state["stats_buckets"] = len(totals)


def main():
    state = {"compactions": 0}
    lease = threading.Lock()
    window = threading.Lock()
    sched = Scheduler()
    sched.register("rotate", partial(rotate_logs, state))
    sched.register("compact", partial(compact_database, lease, state))
    sched.register("stats", partial(rebuild_search_stats, state))

    for round_no in range(3):
        for name in sched.jobs:
            sched.schedule(name, 0.004 * round_no)
    sched.wait_all()

    done = sched.run_exclusive(["rotate", "compact"], window)
    print(f"run counts: {sched.run_counts}")
    print(f"failures: {dict(sched.failures)}")
    print(f"state: {state}")
    print(f"exclusive run: {done}")


if __name__ == "__main__":
    main()
