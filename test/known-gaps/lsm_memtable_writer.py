"""Write path of a log-structured key-value store.

Ingest threads parse incoming change records, encode them into the on-disk
record format (varint lengths + payload) and apply them to the active
memtable in small per-thread batches. When the memtable is full it is frozen
and handed to the flush scheduler, which writes frozen tables to disk from a
periodic timer thread.
"""
import logging
import os
import queue
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger("lsm.write")

DB_OPTIONS = {"memtable_bytes": 256 * 1024, "batch_size": 64, "flush_interval": 0.02, "writers": 3}

_batch = threading.local()


def encode_varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def encode_record(key, value):
    k, v = key.encode(), value.encode()
    return encode_varint(len(k)) + k + encode_varint(len(v)) + v


def parse_records(lines):
    """Generator stage: CSV-ish change records -> (key, value)."""
    for line in lines:
        table, pk, payload = line.split(",", 2)
        yield f"{table}/{int(pk):012d}", payload.strip()


def batch_for_thread():
    if not hasattr(_batch, "items"):  # ok: GIL003
        _batch.items = []
        _batch.ops = 0
    return _batch


class Memtable:
    def __init__(self):
        self._lock = threading.Lock()
        self._data = {}
        self.size = 0

    def put_many(self, records):
        with self._lock:
            for key, record in records:
                if key not in self._data:  # ok: GIL003
                    self.size += len(key)  # ok: GIL002
                self._data[key] = record
                self.size += len(record)  # ok: GIL002

    def __len__(self):
        return len(self._data)


class DB:
    def __init__(self, **options):
        self.options = {**DB_OPTIONS, **options}
        self.active = Memtable()
        self.immutables = queue.Queue()
        self.rotations = 0

    def write(self, records):
        self.active.put_many(records)
        if self.active.size >= self.options["memtable_bytes"]:  # expect: GIL003
            self._rotate()

    def _rotate(self):
        frozen, self.active = self.active, Memtable()
        self.immutables.put(frozen)
        self.rotations += 1  # expect: GIL002


class Ingestor:
    def __init__(self, db):
        self.db = db

    def ingest(self, lines):
        batch = batch_for_thread()
        ops_before = batch.ops
        size = self.db.options["batch_size"]
        for key, value in parse_records(lines):  # expect: GIL001
            batch.items.append((key, encode_record(key, value)))
            batch.ops += 1  # ok: GIL002
            if len(batch.items) >= size:
                self.db.write(batch.items)
                batch.items = []
        if batch.items:
            self.db.write(batch.items)
            batch.items = []
        return batch.ops - ops_before


class FlushScheduler:
    """Flushes frozen memtables every `interval` seconds on a timer thread."""

    def __init__(self, db, directory, interval):
        self.db = db
        self.directory = directory
        self.interval = interval
        self.flushed = []
        self._timer = None
        self._stopped = threading.Event()

    def _arm(self):
        self._timer = threading.Timer(self.interval, self._tick)
        self._timer.daemon = True
        self._timer.start()

    def _tick(self):
        self.flush_pending()
        if not self._stopped.is_set():
            self._arm()

    def flush_pending(self):
        while True:
            try:
                table = self.db.immutables.get_nowait()
            except queue.Empty:
                return
            path = os.path.join(self.directory, f"{len(self.flushed) + 1:06d}.sst")
            with open(path, "wb") as fh:
                fh.write(b"".join(table._data[key] for key in sorted(table._data)))
                fh.flush()
                os.fsync(fh.fileno())
            self.flushed.append((path, len(table)))

    def __enter__(self):
        self._arm()
        return self

    def __exit__(self, *exc):
        self._stopped.set()
        while True:
            timer = self._timer
            timer.cancel()
            timer.join()
            if timer is self._timer:
                break
        self.flush_pending()
        return False


def change_feed(writer, n):
    tables = ("orders", "customers", "invoices")
    return [f"{tables[i % 3]},{writer * 1_000_000 + i},{{\"rev\": {i}, \"by\": \"svc-{writer}\"}}"
            for i in range(n)]


def main():
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    feeds = [change_feed(w, 25_000) for w in range(DB_OPTIONS["writers"])]
    db = DB(memtable_bytes=512 * 1024)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, FlushScheduler(db, tmp, DB_OPTIONS["flush_interval"]) as flusher:
        pool = ThreadPoolExecutor(max_workers=DB_OPTIONS["writers"], thread_name_prefix="ingest")
        futures = [pool.submit(Ingestor(db).ingest, feed) for feed in feeds]
        pool.shutdown(wait=True)
        ops = sum(f.result() for f in futures)
    log.info("ingested %d records in %.2fs: %d rotations, %d tables flushed, %d keys in active memtable",
             ops, time.perf_counter() - started, db.rotations, len(flusher.flushed), len(db.active))


if __name__ == "__main__":
    main()
