# Models a job scheduler where jobs are registered by name, some on dedicated threads and some drained by a worker crew.
import functools
import threading
import time


def rebuild_checksums(rows):
    digest = 0
    for i in range(rows):  # expect: GIL001
        digest = (digest * 31 + i * i) & 0xFFFFFFFF  # ok: GIL002
    return digest


def heartbeat(beats, interval):
    for _ in range(beats):  # ok: GIL001
        time.sleep(interval)
    return beats


def send_digest(team):
    time.sleep(0.002)
    return f"digest sent to {team}"


class Scheduler:
    def __init__(self):
        self._registry_lock = threading.Lock()
        self._jobs = {}
        self.pending = []
        self.results = {}
        self.stats = {}
        self.completed = 0
        self._stats_lock = threading.Lock()

    def register(self, name, fn, dedicated=False):
        self._registry_lock.acquire()  # expect: GIL005
        if name in self._jobs:  # ok: GIL003
            return False
        self._jobs[name] = (fn, dedicated)
        self._registry_lock.release()
        return True

    def enqueue(self, name, times=1):
        self.pending.extend([name] * times)

    def start_dedicated(self):
        threads = []
        for name, (fn, dedicated) in self._jobs.items():
            if dedicated:
                thread = threading.Thread(target=lambda n=name, f=fn: self._run_dedicated(n, f), name=name)
                thread.start()
                threads.append(thread)
        return threads

    def _run_dedicated(self, name, fn):
        self.results[name] = fn()

    def _drain(self, worker_id):
        while self.pending:  # expect: GIL003
            name = self.pending.pop()
            fn, _ = self._jobs[name]
            fn()
            self.stats[name] = self.stats.get(name, 0) + 1  # expect: GIL002
            with self._stats_lock:
                self.completed += 1  # ok: GIL002

    def start_crew(self, size):
        crew = [threading.Thread(target=lambda wid=wid: self._drain(wid), name=f"crew-{wid}") for wid in range(size)]
        for thread in crew:
            thread.start()
        return crew


def main():
    scheduler = Scheduler()
    scheduler.register("checksums", functools.partial(rebuild_checksums, 300_000), dedicated=True)
    scheduler.register("heartbeat", functools.partial(heartbeat, 5, 0.002), dedicated=True)
    scheduler.register("digest-finance", functools.partial(send_digest, "finance"))
    scheduler.register("digest-ops", functools.partial(send_digest, "ops"))
    scheduler.enqueue("digest-finance", times=6)
    scheduler.enqueue("digest-ops", times=6)

    threads = scheduler.start_dedicated() + scheduler.start_crew(3)
    for thread in threads:
        thread.join()

    print("results:", scheduler.results)
    print("stats:", scheduler.stats, "completed:", scheduler.completed)


if __name__ == "__main__":
    main()
