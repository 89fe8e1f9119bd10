"""Audit log with debounced flushing.

Several service threads append audit lines; each write (re)arms a quiet-period
timer so that the buffer is flushed to disk once the writers pause.
"""
import os
import tempfile
import threading
import time

QUIET_PERIOD = 0.03
WRITERS = 4
LINES_PER_WRITER = 40


class DebouncedLog:
    def __init__(self, path, quiet):
        self.path = path
        self.quiet = quiet
        self._buf = []
        self._buf_lock = threading.Lock()
        self._pending = None
        self.lines_written = 0
        self.flushes = 0

    def write(self, line):
        with self._buf_lock:
            self._buf.append(line)
        self.lines_written += 1  # expect: GIL002
        self._rearm()

    def _rearm(self):
        if self._pending is not None:  # expect: GIL003
            self._pending.cancel()
        self._pending = threading.Timer(self.quiet, self._flush)
        self._pending.start()

    def _flush(self):
        with self._buf_lock:
            batch, self._buf = self._buf, []
            if batch:
                self.flushes += 1  # ok: GIL002
                with open(self.path, "a", encoding="utf-8") as fh:
                    fh.writelines(line + "\n" for line in batch)

    def close(self):
        pending = self._pending
        if pending is not None:
            pending.cancel()
            pending.join()
        self._flush()


def service(log, name, burst):
    for i in range(LINES_PER_WRITER):
        log.write(f"{time.monotonic():.4f} {name} event={i}")
        if i % burst == burst - 1:
            time.sleep(QUIET_PERIOD * 1.5)
        else:
            time.sleep(0.001)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "audit.log")
        log = DebouncedLog(path, QUIET_PERIOD)
        threads = [threading.Thread(target=service, args=(log, f"svc{n}", 10))
                   for n in range(WRITERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        time.sleep(QUIET_PERIOD * 2)
        log.close()
        with open(path, encoding="utf-8") as fh:
            on_disk = sum(1 for _ in fh)
    print(f"writes counted: {log.lines_written}, lines on disk: {on_disk}, "
          f"flushes: {log.flushes}")


if __name__ == "__main__":
    main()
