"""Application threads hand log records to a batching writer that ships JSON lines."""
import io
import json
import threading

BATCH_SIZE = 8
SHIPPERS = 4
LINES_PER_SHIPPER = 40
LEVELS = ("INFO", "WARN", "TRACE", "ERROR", "INFO")


class MalformedRecord(ValueError):
    pass


class BatchWriter:
    def __init__(self, sink):
        self._sink = sink
        self._flush_lock = threading.Lock()
        self._buffer_lock = threading.Lock()
        self._buffer = []
        self.flushes = 0
        self.dropped = 0

    @staticmethod
    def _encode(record):
        if "msg" not in record:
            raise MalformedRecord(record)
        return json.dumps(record, sort_keys=True)

    def add(self, record):
        if record.get("level") == "TRACE":
            self.dropped += 1  # expect: GIL002
            return
        with self._buffer_lock:
            self._buffer.append(record)
            if len(self._buffer) < BATCH_SIZE:  # ok: GIL003
                return
            batch, self._buffer = self._buffer, []
        self.flush(batch)

    def flush(self, batch):
        self._flush_lock.acquire()  # expect: GIL005
        for record in batch:
            self._sink.write(self._encode(record) + "\n")
        self.flushes += 1  # ok: GIL002
        self._flush_lock.release()

    def close(self):
        if not self._flush_lock.acquire(timeout=1.0):  # ok: GIL005
            raise TimeoutError("flush lock is stuck")
        try:
            with self._buffer_lock:
                batch, self._buffer = self._buffer, []
            for record in batch:
                self._sink.write(self._encode(record) + "\n")
        finally:
            self._flush_lock.release()


def ship(writer, service):
    for n in range(LINES_PER_SHIPPER):
        level = LEVELS[(n + len(service)) % len(LEVELS)]
        writer.add({"svc": service, "seq": n, "level": level, "msg": f"{service} event {n}"})


def main():
    sink = io.StringIO()
    writer = BatchWriter(sink)
    services = ["auth", "billing", "search", "checkout"][:SHIPPERS]
    threads = [threading.Thread(target=ship, args=(writer, svc)) for svc in services]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    writer.close()

    lines = sink.getvalue().splitlines()
    services_seen = {json.loads(line)["svc"] for line in lines}
    print(f"shipped {len(lines)} lines in {writer.flushes} batches, dropped {writer.dropped}")
    print(f"services: {sorted(services_seen)}")


if __name__ == "__main__":
    main()
