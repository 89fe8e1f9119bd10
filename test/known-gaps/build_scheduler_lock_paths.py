"""CI build scheduler with explicit acquire()/release(): every path releases, except one."""
import threading
import time

MAX_ATTEMPTS = 3


class Scheduler:
    def __init__(self, jobs):
        self.lock = threading.Lock()
        self.pending = list(jobs)
        self.running = set()
        self.done = {}
        self.attempts = {}

    def claim(self):
        self.lock.acquire()  # ok: GIL005
        try:
            if not self.pending:  # ok: GIL003
                return None
            job = self.pending.pop()
            self.running.add(job)
            return job
        finally:
            self.lock.release()

    def finish(self, job, passed):
        self.lock.acquire()  # ok: GIL005
        if job not in self.running:  # ok: GIL003
            self.lock.release()
            return False
        self.running.discard(job)
        self.done[job] = passed
        self.lock.release()
        return True

    def retry(self, job):
        self.lock.acquire()  # expect: GIL005
        self.attempts[job] = self.attempts.get(job, 0) + 1  # ok: GIL002
        if self.attempts[job] >= MAX_ATTEMPTS:
            self.done[job] = False
            return False  # gives up on the job and leaves with the lock held
        self.running.discard(job)
        self.pending.append(job)
        self.lock.release()
        return True

    def status(self):
        if not self.lock.acquire(timeout=0.1):  # ok: GIL005
            return None
        snapshot = (len(self.pending), len(self.running), len(self.done))
        self.lock.release()
        return snapshot


flaked = set()  # jobs that already failed once


def build(job):
    time.sleep(0.01)  # compiler and tests run in a subprocess
    # Only the runner that claimed `job` builds it, until it finishes or retries it.
    if job.endswith("-flaky") and job not in flaked:  # ok: GIL003
        flaked.add(job)
        return False
    return True


def worker(sched):
    built = 0
    while True:  # ok: GIL001
        job = sched.claim()
        if job is None:
            return built
        if build(job):
            sched.finish(job, True)
            built += 1  # ok: GIL002
        else:
            sched.retry(job)


def report(sched):
    print(f"status at 30 ms (pending, running, done): {sched.status()}")


if __name__ == "__main__":
    jobs = [f"svc{i}" + ("-flaky" if i % 4 == 0 else "") for i in range(24)]
    sched = Scheduler(jobs)
    threads = [threading.Thread(target=worker, args=(sched,), name=f"runner-{i}") for i in range(3)]
    timer = threading.Timer(0.03, report, args=(sched,))
    start = time.perf_counter()
    timer.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    timer.join()
    passed = sum(1 for ok in sched.done.values() if ok)
    print(f"built {len(sched.done)} jobs ({passed} passed) in {time.perf_counter() - start:.2f}s")
    print(f"retries: {sum(sched.attempts.values())}")
