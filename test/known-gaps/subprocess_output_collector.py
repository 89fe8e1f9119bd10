#!/usr/bin/env python3
"""Run several maintenance commands and collect their stdout/stderr with pump threads."""
import subprocess
import sys
import threading

JOBS = {
    "fsck-sim": "import sys\nfor i in range(40): print(f'checked inode block {i}')\nprint('error: orphan inode 1183', file=sys.stderr)",
    "vacuum-sim": "import sys\nfor i in range(25): print(f'vacuumed table t{i}')\nfor i in range(3): print(f'error: lock timeout on t{i}', file=sys.stderr)",
    "reindex-sim": "import sys\nfor i in range(60): print(f'reindexed shard {i}')",
}


class OutputCollector:
    def __init__(self):
        self.buffers = {}
        self.line_totals = {"stdout": 0, "stderr": 0}
        self.first_error = None

    def pump(self, job, stream_name, stream):
        key = f"{job}:{stream_name}"
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if key not in self.buffers:  # ok: GIL003
                self.buffers[key] = []
            self.buffers[key].append(line)
            self.line_totals[stream_name] += 1  # expect: GIL002
            if stream_name == "stderr" and line.startswith("error"):
                if self.first_error is None:  # expect: GIL003
                    self.first_error = (job, line)
        stream.close()

    def lines(self, job, stream_name):
        return self.buffers.get(f"{job}:{stream_name}", [])


def run_all(jobs):
    collector = OutputCollector()
    procs = {}
    pumps = []
    for name, code in jobs.items():
        proc = subprocess.Popen([sys.executable, "-c", code],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        procs[name] = proc
        for stream_name in ("stdout", "stderr"):
            t = threading.Thread(target=collector.pump,
                                 args=(name, stream_name, getattr(proc, stream_name)),
                                 name=f"pump-{name}-{stream_name}")
            t.start()
            pumps.append(t)
    codes = {name: proc.wait(timeout=10) for name, proc in procs.items()}
    for t in pumps:
        t.join()
    return collector, codes


def main():
    collector, codes = run_all(JOBS)
    for name in JOBS:
        out = collector.lines(name, "stdout")
        err = collector.lines(name, "stderr")
        last = out[-1] if out else "<no output>"
        print(f"{name:12s} rc={codes[name]} stdout={len(out):3d} stderr={len(err)} last={last!r}")
    print("totals:", collector.line_totals)
    print("first error:", collector.first_error)


if __name__ == "__main__":
    main()
