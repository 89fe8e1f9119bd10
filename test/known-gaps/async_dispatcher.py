# Models an asyncio job dispatcher that feeds a legacy thread-based worker pool and writes reports.
import asyncio
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


class LegacyWorker(threading.Thread):
    """Old synchronous worker: takes job ids from a queue, posts results back."""

    def __init__(self, jobs, results):
        super().__init__(daemon=True)
        self.jobs = jobs
        self.results = results
        self.handled = 0

    def run(self):
        while True:  # ok: GIL001
            job = self.jobs.get()
            if job is None:
                break
            time.sleep(0.002)
            self.handled += 1  # ok: GIL002
            self.results.put((job, job * job))


def tool_version():
    cmd = [sys.executable, "-c", "print('report-tool 1.4')"]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)  # expect: GIL004
    return proc.stdout.strip()


def archive_report(path, text):
    Path(path).write_text(text)  # ok: GIL004


class Dispatcher:
    def __init__(self, workdir, workers=3):
        self.workdir = workdir
        self.jobs = queue.Queue()
        self.results = queue.Queue()
        self.workers = [LegacyWorker(self.jobs, self.results) for _ in range(workers)]
        self.dispatched = 0

    async def submit(self, batch):
        for job in batch:
            self.jobs.put(job)  # ok: GIL004
            self.dispatched += 1  # ok: GIL002
            await asyncio.sleep(0)  # ok: GIL004

    async def collect_first(self):
        return self.results.get()  # expect: GIL004

    async def collect_rest(self, n):
        loop = asyncio.get_running_loop()
        return [await loop.run_in_executor(None, self.results.get) for _ in range(n)]  # ok: GIL004

    async def write_reports(self, rows):
        text = "\n".join(f"{job},{value}" for job, value in sorted(rows))
        Path(self.workdir, "report.csv").write_text(text)  # expect: GIL004
        await asyncio.to_thread(archive_report, os.path.join(self.workdir, "report.bak"), text)
        return os.listdir(self.workdir)  # expect: GIL004

    async def shutdown(self):
        for _ in self.workers:
            self.jobs.put(None)
        first, *rest = self.workers
        first.join()  # expect: GIL004
        for w in rest:
            await asyncio.to_thread(w.join)  # ok: GIL004


async def run(workdir):
    d = Dispatcher(workdir)
    for w in d.workers:
        w.start()
    await d.submit(range(12))
    rows = [await d.collect_first()]
    rows += await d.collect_rest(11)
    listing = await d.write_reports(rows)
    version = tool_version()
    time.sleep(0.01)  # expect: GIL004
    await d.shutdown()
    handled = sum(w.handled for w in d.workers)
    print(f"{version}: dispatched={d.dispatched} handled={handled} files={sorted(listing)}")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(run(tmp))


if __name__ == "__main__":
    main()
