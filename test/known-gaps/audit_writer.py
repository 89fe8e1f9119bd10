# Models an audit-trail writer that batches records from worker threads and flushes them to rotating files.
import os
import tempfile
import threading
import time


class BatchWriter:
    def __init__(self, path, max_batch):
        self.path = path
        self.max_batch = max_batch
        self._lock = threading.Lock()
        self._batch = []
        self.flushes = 0
        self.records_written = 0
        self.skipped_flushes = 0
        self.rotations = 0
        self.size_triggered = 0

    def write(self, record):
        with self._lock:
            self._batch.append(record)
            full = len(self._batch) >= self.max_batch
        if full:
            self.size_triggered += 1  # expect: GIL002
            self.flush()

    def flush(self):
        self._lock.acquire()  # expect: GIL005
        batch, self._batch = self._batch, []
        with open(self.path, "a") as fh:
            fh.writelines(line + "\n" for line in batch)
        self.flushes += 1  # ok: GIL002
        self.records_written += len(batch)
        self._lock.release()
        return len(batch)

    def try_flush(self):
        """Opportunistic flush: skip if someone else holds the writer."""
        if not self._lock.acquire(blocking=False):  # ok: GIL005
            self.skipped_flushes += 1  # expect: GIL002
            return 0
        try:
            batch, self._batch = self._batch, []
            if batch:
                with open(self.path, "a") as fh:
                    fh.writelines(line + "\n" for line in batch)
                self.flushes += 1  # ok: GIL002
                self.records_written += len(batch)
            return len(batch)
        finally:
            self._lock.release()

    def rotate(self, new_path):
        self._lock.acquire()  # expect: GIL005
        if new_path == self.path:
            return False
        self.path = new_path
        self.rotations = self.rotations + 1  # ok: GIL002
        self._lock.release()
        return True


def worker(writer, user, actions):
    for n, action in enumerate(actions):
        writer.write(f"{time.time():.3f} {user} {action} #{n}")
        time.sleep(0.001)
    writer.try_flush()


def main():
    with tempfile.TemporaryDirectory() as workdir:
        writer = BatchWriter(os.path.join(workdir, "audit-0.log"), max_batch=8)
        actions = ["login", "view", "edit", "save", "logout"]
        users = ["alice", "bob", "carol", "dave"]
        threads = [threading.Thread(target=worker, args=(writer, u, actions * 4)) for u in users]
        rotator = threading.Timer(0.015, writer.rotate, args=(os.path.join(workdir, "audit-1.log"),))
        ticker = threading.Timer(0.01, writer.try_flush)
        for t in threads:
            t.start()
        rotator.start()
        ticker.start()
        for t in threads + [rotator, ticker]:
            t.join()
        writer.try_flush()
        files = sorted(os.listdir(workdir))
        lines = sum(len(open(os.path.join(workdir, f)).readlines()) for f in files)
    print(f"files={files} lines={lines} written={writer.records_written}")
    print(f"flushes={writer.flushes} by_size={writer.size_triggered} skipped={writer.skipped_flushes} rotations={writer.rotations}")


if __name__ == "__main__":
    main()
