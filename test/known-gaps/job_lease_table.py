"""Work-lease table shared by worker threads.

Workers lease jobs, heartbeat them and report results. One lock protects the table;
over time the code grew several styles of acquire()/release().
"""
import json
import threading
import time
from functools import partial
from threading import Thread as T

LEASE_SECONDS = 2.0
audit_lock = threading.RLock()
audit_log = []


def audit(template, **fields):
    audit_lock.acquire()  # expect: GIL005
    audit_log.append(template.format(**fields))
    audit_lock.release()


class LeaseTable:
    def __init__(self, jobs):
        self._lock = threading.Lock()
        self._free = list(jobs)
        self._leased = {}
        self._results = {}
        self.expired = 0

    def lease(self, worker):
        self._lock.acquire()  # expect: GIL005
        if not self._free:
            return None
        job = self._free.pop()
        self._leased[job] = (worker, time.monotonic() + LEASE_SECONDS)
        self._lock.release()
        return job

    def heartbeat(self, job, worker):
        if not self._lock.acquire(timeout=0.5):  # ok: GIL005
            return False
        try:
            owner, _ = self._leased[job]
            if owner != worker:
                return False
            self._leased[job] = (worker, time.monotonic() + LEASE_SECONDS)
            return True
        finally:
            self._lock.release()

    def complete(self, job, result_text):
        self._lock.acquire()  # expect: GIL005
        del self._leased[job]
        self._results[job] = json.loads(result_text)
        self._lock.release()

    def store_checked(self, job, result_text):
        self._lock.acquire()  # ok: GIL005
        try:
            payload = json.loads(result_text)
        except Exception:
            self._lock.release()
            raise
        self._results[job] = payload
        self._lock.release()
        return payload

    def try_steal(self, job, thief):
        if not self._lock.acquire(blocking=False):  # expect: GIL005
            return False
        owner, deadline = self._leased[job]
        if deadline > time.monotonic():
            self._lock.release()
            return False
        self._leased[job] = (thief, time.monotonic() + LEASE_SECONDS)
        self._lock.release()
        audit("{thief} stole {job} from {owner}", thief=thief, job=job, owner=owner)
        return True

    def note_expired(self):
        self._lock.acquire()  # ok: GIL005
        self.expired += 1  # ok: GIL002
        self._lock.release()


def worker(table, name, rounds):
    for _ in range(rounds):
        job = table.lease(name)
        if job is None:
            return
        time.sleep(0.01)
        if not table.heartbeat(job, name):
            table.note_expired()
            continue
        table.complete(job, json.dumps({"job": job, "by": name}))


if __name__ == "__main__":
    table = LeaseTable(range(40))
    threads = [T(target=partial(worker, table, f"w{i}", 10)) for i in range(4)]
    threads.append(T(target=table.try_steal, args=(3, "thief")))
    threads.append(T(target=table.store_checked, args=(99, '{"late": true}')))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(len(audit_log), table.expired)
