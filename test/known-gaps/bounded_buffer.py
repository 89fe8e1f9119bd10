# Models a log-ingest pipeline: parser threads fill a bounded buffer that indexer threads drain.
import io
import threading
import zlib

indexed_bytes = 0
per_source = {}
stats_lock = threading.Lock()


class BoundedBuffer:
    """Fixed-capacity FIFO built on a Condition variable."""

    def __init__(self, capacity):
        self._items = []
        self._capacity = capacity
        self._cond = threading.Condition()
        self.puts = 0
        self.gets = 0

    def put(self, item):
        with self._cond:
            while len(self._items) >= self._capacity:  # ok: GIL003
                self._cond.wait()
            self._items.append(item)
            self.puts += 1  # ok: GIL002
            self._cond.notify_all()

    def get(self, timeout=0.05):
        with self._cond:
            while not self._items:  # ok: GIL003
                if not self._cond.wait(timeout):
                    return None
            item = self._items.pop(0)
            self.gets += 1  # ok: GIL002
            self._cond.notify_all()
            return item

    def sample_nowait(self):
        """Used by the dashboard to grab an item without blocking."""
        if self._items:  # expect: GIL003
            return self._items[0]
        return None

    def drain_to(self, sink):
        """At shutdown, spill anything still buffered into an archive stream."""
        self._cond.acquire()  # expect: GIL005
        for _, line in self._items:
            sink.write(line + "\n")
        self._items.clear()
        self._cond.release()


def indexer(buf, parsers_done, sizes):
    global indexed_bytes
    while True:  # ok: GIL001
        finished = parsers_done.is_set()
        entry = buf.get()
        if entry is None:
            if finished:
                break
            continue
        source, line = entry
        blob = zlib.compress(line.encode() * 40)
        sizes.append(len(blob))
        indexed_bytes += len(blob)  # expect: GIL002
        with stats_lock:
            per_source[source] = per_source.get(source, 0) + 1  # ok: GIL002


def dashboard(buf, parsers_done, peeks):
    while not parsers_done.is_set():  # ok: GIL001
        head = buf.sample_nowait()
        if head is not None:
            peeks.append(head[0])
        parsers_done.wait(0.005)


def main():
    buf = BoundedBuffer(capacity=8)
    parsers_done = threading.Event()
    sizes, peeks = [], []
    sources = ["web-1", "web-2", "batch"]
    produced = 0

    def parse_source(source, lines):
        nonlocal produced
        for n in range(lines):
            buf.put((source, f"{source} GET /api/items/{n} 200 {n * 7 % 500}ms"))
            produced += 1  # expect: GIL002

    parsers = [threading.Thread(target=parse_source, args=(s, 120)) for s in sources]
    indexers = [threading.Thread(target=indexer, args=(buf, parsers_done, sizes)) for _ in range(3)]
    watcher = threading.Thread(target=dashboard, args=(buf, parsers_done, peeks), daemon=True)

    for t in parsers + indexers + [watcher]:
        t.start()
    for t in parsers:
        t.join()
    parsers_done.set()
    for t in indexers:
        t.join()
    leftovers = io.StringIO()
    buf.drain_to(leftovers)

    print(f"produced={produced} leftovers={len(leftovers.getvalue())} put={buf.puts} got={buf.gets} indexed={len(sizes)} bytes={indexed_bytes}")
    print("per source:", dict(sorted(per_source.items())), "dashboard peeks:", len(peeks))


if __name__ == "__main__":
    main()
