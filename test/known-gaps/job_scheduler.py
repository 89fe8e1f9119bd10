"""Job scheduler with retries: worker threads pull jobs from a queue, failed jobs come back after an
exponential backoff (a Timer puts them back), and an asyncio monitor posts progress to a dashboard."""
import asyncio
import json
import queue
import random
import threading
import time
import urllib.request
from typing import Callable, NamedTuple


class Job(NamedTuple):
    key: str
    func: Callable
    args: tuple = ()
    attempt: int = 0
    max_attempts: int = 4


class Scheduler:
    def __init__(self, workers=3):
        self.q = queue.Queue()
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.paused = False
        self.in_flight = {}  # job key -> worker name; duplicate submissions are coalesced
        self.stats = {"done": 0, "failed": 0, "retried": 0}
        self.workers = [threading.Thread(target=self._worker, name=f"worker-{i}", daemon=True) for i in range(workers)]
        for w in self.workers:
            w.start()

    def submit(self, key, func, *args):
        self.q.put(Job(key, func, args))

    def pause(self):
        if not self.lock.acquire(timeout=1.0):  # expect: GIL005
            return False
        if self.paused:
            return False
        self.paused = True
        self.lock.release()
        return True

    def _worker(self):
        while not self.stop.is_set():
            if self.paused:
                self.stop.wait(0.05)
                continue
            try:
                job = self.q.get(timeout=0.1)
            except queue.Empty:
                continue
            if job.key not in self.in_flight:  # expect: GIL003
                self.in_flight[job.key] = threading.current_thread().name
                self._run(job)
                self.in_flight.pop(job.key, None)
            self.q.task_done()

    def _run(self, job):
        try:
            job.func(*job.args)
        except Exception:
            if job.attempt + 1 < job.max_attempts:
                self.stats["retried"] += 1  # expect: GIL002
                threading.Timer(0.1 * 2 ** job.attempt, self.q.put, args=(job._replace(attempt=job.attempt + 1),)).start()
            else:
                with self.lock:
                    self.stats["failed"] += 1  # ok: GIL002
        else:
            self.stats["done"] += 1  # expect: GIL002


def flaky_upload(path):
    time.sleep(0.05)  # ok: GIL004
    if random.random() < 0.4:
        raise OSError(f"upload of {path} timed out")


def rebuild_index(n_docs):
    index = {}
    for doc in range(n_docs):  # expect: GIL001
        for term in (doc % 97, doc % 89, doc % 83):
            index.setdefault(term, []).append(doc)
    return len(index)


def settle(sched):
    time.sleep(0.05)  # expect: GIL004
    return dict(sched.stats)


def post_status(url, stats):
    req = urllib.request.Request(url, data=json.dumps(stats).encode(), method="POST")
    with urllib.request.urlopen(req, timeout=2) as resp:  # ok: GIL004
        return resp.status


async def monitor(sched, url, rounds=20):
    loop = asyncio.get_running_loop()
    for _ in range(rounds):
        stats = settle(sched)
        await loop.run_in_executor(None, post_status, url, stats)
        await asyncio.sleep(0.1)  # ok: GIL004
    await asyncio.to_thread(sched.q.join)


if __name__ == "__main__":
    sched = Scheduler(workers=3)
    for i in range(6):
        sched.submit(f"upload-{i}", flaky_upload, f"/srv/out/part-{i}.bin")
    sched.submit("reindex", rebuild_index, 300_000)
    sched.submit("reindex", lambda: rebuild_index(300_000))
    if sched.pause():
        time.sleep(0.2)
        with sched.lock:
            sched.paused = False
    asyncio.run(monitor(sched, "http://127.0.0.1:8080/status"))
    sched.stop.set()
    print(sched.stats)
