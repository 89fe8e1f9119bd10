"""Memtable that spills to JSON segment files when full, plus a periodic Timer-driven flush."""
import json
import os
import tempfile
import threading
import time


class MemtableStore:
    LIMIT = 64

    def __init__(self, directory):
        self.directory = directory
        self.memtable = {}
        self.mem_lock = threading.Lock()
        self.flush_lock = threading.Lock()
        self.segments = []
        self.seg_no = 0
        self.bytes_written = 0

    def put(self, key, value):
        with self.mem_lock:
            self.memtable[key] = value
        if len(self.memtable) >= self.LIMIT:  # expect: GIL003
            frozen, self.memtable = self.memtable, {}
            self._flush(frozen)

    def flush_now(self):
        with self.mem_lock:
            if not self.memtable:  # ok: GIL003
                return
            frozen, self.memtable = self.memtable, {}
        self._flush(frozen)

    def _flush(self, frozen):
        with self.flush_lock:
            self.seg_no += 1  # ok: GIL002
            path = os.path.join(self.directory, f"seg-{self.seg_no:05d}.json")
        payload = json.dumps(frozen, sort_keys=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        self.segments.append(path)
        self.bytes_written += len(payload)  # expect: GIL002


class PeriodicFlush:
    def __init__(self, store, interval):
        self.store, self.interval = store, interval
        self.timer, self.stopped, self.ticks = None, False, 0
        self.lock = threading.Lock()

    def _tick(self):
        self.store.flush_now()
        with self.lock:
            self.ticks += 1  # ok: GIL002
            if not self.stopped:  # ok: GIL003
                self.start()

    def start(self):
        self.timer = threading.Timer(self.interval, self._tick)
        self.timer.start()

    def stop(self):
        with self.lock:
            self.stopped = True
            self.timer.cancel()


def writer(store, wid, n):
    for i in range(n):  # ok: GIL001
        store.put(f"w{wid}:{i:05d}", {"writer": wid, "seq": i})
        time.sleep(0.0005)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        store = MemtableStore(tmp)
        flusher = PeriodicFlush(store, 0.03)
        flusher.start()
        threads = [threading.Thread(target=writer, args=(store, w, 250)) for w in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        flusher.stop()
        store.flush_now()
        on_disk = 0
        for path in store.segments:  # ok: GIL001
            with open(path, encoding="utf-8") as f:
                on_disk += len(json.load(f))
        print("segments:", len(store.segments), "keys on disk:", on_disk, "of", 4 * 250)
        print("bytes written:", store.bytes_written, "timer ticks:", flusher.ticks)


if __name__ == "__main__":
    main()
