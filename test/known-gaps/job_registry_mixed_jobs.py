# Models a batch-job framework whose job classes keep class-level run registries.
import threading
from concurrent.futures import ThreadPoolExecutor


class Job:
    """Base class for batch jobs; run bookkeeping lives on the class."""

    total_runs = 0
    runs_by_name = {}
    results_by_kind = {}
    claimed_outputs = set()
    _books_lock = threading.Lock()

    def __init__(self, name, size):
        self.name = name
        self.size = size

    def record_run(self):
        Job.total_runs += 1  # expect: GIL002
        with Job._books_lock:
            Job.runs_by_name[self.name] = Job.runs_by_name.get(self.name, 0) + 1  # ok: GIL002

    def publish(self, value):
        kind = type(self).__name__
        if kind not in Job.results_by_kind:  # expect: GIL003
            Job.results_by_kind[kind] = []
        Job.results_by_kind[kind].append(value)

    def claim_output(self, path):
        Job._books_lock.acquire()  # expect: GIL005
        if path in Job.claimed_outputs:  # ok: GIL003
            return False
        Job.claimed_outputs.add(path)
        Job._books_lock.release()
        return True

    @classmethod
    def snapshot(cls):
        cls._books_lock.acquire()  # ok: GIL005
        try:
            return dict(cls.runs_by_name)
        finally:
            cls._books_lock.release()

    def execute(self):
        raise NotImplementedError


class ChecksumJob(Job):
    """Rolling checksum over a synthetic block stream."""

    def execute(self):
        self.record_run()
        self.claim_output(f"/data/out/{self.name}.sum")
        acc = 7
        for i in range(self.size):  # expect: GIL001
            acc = (acc * 31 + (i ^ (acc >> 3))) % 1_000_003
        self.publish(acc)
        return acc


class ManifestJob(Job):
    """Builds the short manifest listing for a job bundle."""

    def execute(self):
        self.record_run()
        entries = [f"{self.name}/part-{i:03d}" for i in range(self.size)]  # ok: GIL001
        self.publish(len(entries))
        return len(entries)


def main():
    jobs = []
    for n in range(3):
        jobs.append(ChecksumJob(f"checksum-{n}", 250_000))
        jobs.append(ManifestJob(f"manifest-{n}", 12))
    jobs.append(ChecksumJob("checksum-3", 250_000))

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda job: job.execute(), jobs))

    books = Job.snapshot()
    print(f"jobs={len(results)} total_runs={Job.total_runs} "
          f"names={len(books)} kinds={sorted(Job.results_by_kind)}")


if __name__ == "__main__":
    main()
