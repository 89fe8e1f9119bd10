"""Batching sink at the end of an event pipeline, where the lock is taken in one function and given
back in another: begin()/end(), a context-manager window, and flushes whose release lives in a helper.
A Timer rebuilds the dedup Bloom filter from the event history while the sink fills."""
import json
import queue
import threading
from threading import Timer

BLOOM_BITS, HASH_ROUNDS = 1 << 18, 7
flush_log = queue.Queue()


class Sink:
    def __init__(self):
        self._lock = threading.Lock()
        self.rows, self.batches, self.rows_in, self.empty_batches = [], 0, 0, 0

    def begin(self, header):
        self._lock.acquire()  # expect: GIL005
        self.meta = json.loads(header)
        return self.meta.get("source", "?")

    def end(self):
        self.batches += 1  # ok: GIL002
        self._lock.release()

    def _release_and_log(self, what):
        self._lock.release()
        flush_log.put(what)

    def flush(self, out):
        self._lock.acquire()  # ok: GIL005
        try:
            out.extend(self.rows)
            self.rows = []
        finally:
            self._release_and_log("flush")

    def flush_if_big(self, out, limit):
        self._lock.acquire()  # expect: GIL005
        if len(self.rows) < limit:
            return False
        out.extend(self.rows)
        self.rows = []
        self._release_and_log("big flush")
        return True


class Window:
    def __init__(self, sink, header):
        self.sink, self.header = sink, header

    def __enter__(self):
        meta = json.loads(self.header)  # parsed before the lock is taken
        self.sink._lock.acquire()  # ok: GIL005
        self.sink.meta = meta
        return self.sink

    def __exit__(self, *exc):
        self.sink.batches += 1  # ok: GIL002
        self.sink._lock.release()


def ingest(sink, header, rows):
    sink.begin(header)
    try:
        sink.rows.extend(rows)
        sink.rows_in += len(rows)  # ok: GIL002
    finally:
        sink.end()
    if not rows:
        sink.empty_batches += 1  # expect: GIL002


def drain_batches(sink, batches, use_window):
    while True:  # ok: GIL001
        item = batches.get()
        if item is None:
            break
        header, rows = item
        if use_window:
            with Window(sink, header) as s:
                s.rows.extend(rows)
                s.rows_in += len(rows)  # ok: GIL002
        else:
            ingest(sink, header, rows)


def flusher(sink, out, stop):
    while not stop.wait(0.005):  # ok: GIL001
        sink.flush(out)
    sink.flush_if_big(out, 1)


def rebuild_bloom(history):
    bits = bytearray(BLOOM_BITS // 8)
    for row in history:  # expect: GIL001
        h = 2166136261
        for ch in json.dumps(row, sort_keys=True):
            h = ((h ^ ord(ch)) * 16777619) & 0xFFFFFFFF
        for k in range(HASH_ROUNDS):
            bit = (h + k * 0x9E3779B1) % BLOOM_BITS
            bits[bit // 8] |= 1 << (bit % 8)  # ok: GIL002
    return bits


if __name__ == "__main__":
    sink, out, stop, batches = Sink(), [], threading.Event(), queue.Queue()
    history = [{"id": i, "kind": "click" if i % 3 else "view"} for i in range(40_000)]  # ok: GIL001
    consumers = [threading.Thread(target=drain_batches, args=(sink, batches, k % 2 == 0)) for k in range(4)]
    helpers = [threading.Thread(target=flusher, args=(sink, out, stop)), Timer(0.01, rebuild_bloom, args=(history,))]
    [t.start() for t in consumers + helpers]
    for n in range(300):
        rows = [{"id": n * 10 + j} for j in range(n % 4 * 3)]
        batches.put((json.dumps({"source": f"edge-{n % 5}", "seq": n}), rows))
    [batches.put(None) for _ in consumers]
    [t.join() for t in consumers]
    stop.set()
    [t.join() for t in helpers]
    print(len(out), sink.rows_in, sink.batches, sink.empty_batches, flush_log.qsize())
