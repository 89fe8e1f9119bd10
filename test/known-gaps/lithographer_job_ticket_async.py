"""Job-ticket service of a litho print shop, on asyncio.

Tickets wait in an asyncio.Queue; worker coroutines preflight each ticket (the prepress checker reads the
artwork manifest through urllib), estimate the ink coverage on a worker thread, impose the pages in a
process pool and archive the ticket through asyncio.to_thread. A background compaction thread tidies the
archive index file while the workers run.
"""
import asyncio
import json
import os
import tempfile
import threading
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

SHOP = {
    "tickets": [
        {"id": "J-2001", "title": "Gallery catalogue", "pages": 96, "per_sheet": 16},
        {"id": "J-2002", "title": "Theatre poster", "pages": 32, "per_sheet": 2},
        {"id": "J-2003", "title": "Annual report", "pages": 64, "per_sheet": 8},
        {"id": "J-2004", "title": "Wine labels", "pages": 40, "per_sheet": 24},
    ],
    "workers": 3,
    "preview_px_per_page": 12000,
    "impose_passes": 400,
}


@dataclass
class Ticket:
    id: str
    title: str
    pages: int
    per_sheet: int

    @classmethod
    def from_config(cls, spec):
        return cls(spec["id"], spec["title"], spec["pages"], spec["per_sheet"])

    @property
    def preview_pixels(self):
        return self.pages * SHOP["preview_px_per_page"]


def incoming(config):
    for spec in config["tickets"]:
        yield Ticket.from_config(spec)


class Prepress:
    def __init__(self, root):
        self.root = Path(root)

    def check(self, ticket):
        manifest = self._manifest(ticket)
        return manifest["pages"] == ticket.pages

    def _manifest(self, ticket):
        url = (self.root / f"{ticket.id}.json").as_uri()
        with urllib.request.urlopen(url) as resp:  # expect: GIL004 -- reached from coroutine handle() through check()
            return json.loads(resp.read())


class Archive:
    def __init__(self, root):
        self.root = Path(root)
        self.index = self.root / "index.tsv"
        self.seen = set()
        self.assets = {}
        self.archived = 0
        self.stored = 0
        self._lock = threading.Lock()

    def store(self, ticket):
        if not self._lock.acquire(timeout=2.0):  # ok: GIL005 -- released in the finally on every path
            return False
        try:
            if ticket.id not in self.seen:  # ok: GIL003 -- self._lock is held
                self.seen.add(ticket.id)
                with open(self.index, "a") as fh:  # ok: GIL004 -- store() runs via asyncio.to_thread
                    fh.write(f"{ticket.id}\t{ticket.title}\n")
            self.stored += 1  # ok: GIL002 -- inside acquire/try/finally
        finally:
            self._lock.release()
        self.archived += 1  # expect: GIL002 -- after release(); several to_thread workers store at once
        return True

    def cache_asset(self, name):
        if name not in self.assets:  # expect: GIL003 -- to_thread workers can both miss and both load
            self.assets[name] = (self.root / name).read_text() if (self.root / name).exists() else ""
        return self.assets[name]

    def compact(self):
        self._lock.acquire()  # expect: GIL005 -- _rewrite can raise OSError and skip release()
        lines = self._rewrite()
        self._lock.release()
        return lines

    def _rewrite(self):
        if not self.index.exists():
            return 0
        rows = sorted(set(self.index.read_text().splitlines()))
        self.index.write_text("".join(r + "\n" for r in rows))
        return len(rows)


def estimate_coverage(ticket):
    return _coverage(ticket.preview_pixels)


def _coverage(pixels):
    inked = 0
    for i in range(pixels):  # expect: GIL001 -- pages x px_per_page pixels in pure Python on a to_thread worker
        if (i * 2654435761 >> 11) % 100 < 37:
            inked += 1
    return inked / pixels


def impose(pages, per_sheet, passes):
    best = None
    for p in range(passes):  # ok: GIL001 -- runs in a ProcessPoolExecutor child process
        waste = (per_sheet - pages % per_sheet) % per_sheet + p % 3
        if best is None or waste < best:
            best = waste
    return -(-pages // per_sheet), best


class TicketService:
    def __init__(self, prepress, archive, procs):
        self.prepress, self.archive, self.procs = prepress, archive, procs
        self.processed = 0
        self.report = []

    async def handle(self, ticket):
        loop = asyncio.get_running_loop()
        ok = self.prepress.check(ticket)
        coverage = await asyncio.to_thread(estimate_coverage, ticket)
        sheets, waste = await loop.run_in_executor(self.procs, impose, ticket.pages, ticket.per_sheet,
                                                   SHOP["impose_passes"])
        await asyncio.to_thread(self.archive.cache_asset, "house-style.txt")
        await asyncio.to_thread(self.archive.store, ticket)
        self.processed += 1  # ok: GIL002 -- coroutines all run on the event-loop thread
        self.report.append((ticket.id, ok, round(coverage, 3), sheets, waste))

    async def worker(self, inbox):
        while True:
            ticket = await inbox.get()
            try:
                await self.handle(ticket)
            finally:
                inbox.task_done()


async def serve(service):
    inbox = asyncio.Queue()
    for ticket in incoming(SHOP):
        inbox.put_nowait(ticket)
    workers = [asyncio.create_task(service.worker(inbox)) for _ in range(SHOP["workers"])]
    await inbox.join()
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)


def main():
    with tempfile.TemporaryDirectory(prefix="litho_") as root:
        for t in SHOP["tickets"]:
            Path(root, f"{t['id']}.json").write_text(json.dumps({"pages": t["pages"], "title": t["title"]}))
        Path(root, "house-style.txt").write_text("Minion Pro / Frutiger\n")
        archive = Archive(root)
        compactor = threading.Thread(target=archive.compact, name="compactor")
        with ProcessPoolExecutor(max_workers=2) as procs:
            service = TicketService(Prepress(root), archive, procs)
            compactor.start()
            asyncio.run(serve(service))
            compactor.join()
        lines = archive.compact()
        print(f"processed {service.processed}, archived {archive.archived}, index lines {lines}")
        for row in sorted(service.report):
            print("  ", row)
        print(f"files in spool: {len(os.listdir(root))}")


if __name__ == "__main__":
    main()
