"""Collaborative spreadsheet session: remote edits, autosave snapshots and CSV export.

The session runs on an asyncio loop. Snapshot writing and CSV export happen in worker threads
and serialise on the workbook lock. Remote edit batches come from the collaboration relay;
the relay client retries transient failures.
"""
import asyncio
import csv
import functools
import io
import json
import logging
import os
import tempfile
import threading
import time
import urllib.request
import zlib

log = logging.getLogger("collab")


def async_retry(attempts: int = 3, delay: float = 0.02):
    """Retry a coroutine on ConnectionError with a fixed back-off."""

    def decorate(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(1, attempts + 1):
                try:
                    return await fn(*args, **kwargs)
                except ConnectionError as exc:
                    if attempt == attempts:
                        raise
                    log.info("retrying %s after %s", fn.__name__, exc)
                    time.sleep(delay)  # expect: GIL004
        return wrapper

    return decorate


class WorkbookLock:
    """Exclusive access to the workbook for writers running in worker threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.holder = None

    def __enter__(self) -> "WorkbookLock":
        self._lock.acquire()  # ok: GIL005
        self.holder = threading.current_thread().name
        return self

    def __exit__(self, *exc_info) -> None:
        self.holder = None
        self._lock.release()


class CollabSession:
    def __init__(self, workdir: str, template_url: str) -> None:
        self.workdir = workdir
        self.template_url = template_url
        self.sheets: dict[str, dict] = {}
        self.checked_out: set[str] = set()
        self.wb_lock = WorkbookLock()
        self._checkout_lock = threading.Lock()
        self._relay_failures = 1  # the relay drops the first request after a reconnect

    async def load_template(self) -> None:
        with urllib.request.urlopen(self.template_url) as resp:  # expect: GIL004
            self.sheets = json.loads(resp.read().decode())

    @async_retry(attempts=3, delay=0.02)
    async def fetch_remote_edits(self, since: int) -> list[tuple[str, str, float]]:
        await asyncio.sleep(0.005)  # ok: GIL004
        if self._relay_failures:
            self._relay_failures -= 1
            raise ConnectionError("relay reset")
        return [("Budget", f"B{r}", r * 1.5) for r in range(since, since + 20)]

    def checkout_sheet(self, name: str):
        """Reserve a sheet for an exclusive writer; protected sheets are refused."""
        self._checkout_lock.acquire()  # expect: GIL005
        sheet = self.sheets.get(name)
        if sheet is None or sheet.get("protected"):
            return None
        self.checked_out.add(name)
        self._checkout_lock.release()
        return sheet

    def _write_snapshot(self, version: int) -> str:
        with self.wb_lock:
            blob = zlib.compress(json.dumps(self.sheets, sort_keys=True).encode(), 6)
            path = os.path.join(self.workdir, f"autosave-{version:03d}.json.z")
            with open(path, "wb") as fh:
                fh.write(blob)
                os.fsync(fh.fileno())
            time.sleep(0.01)  # ok: GIL004
        return path

    async def autosave(self, version: int) -> str:
        return await asyncio.to_thread(self._write_snapshot, version)

    async def export_csv(self, name: str) -> int:
        loop = asyncio.get_running_loop()

        def render_and_write() -> int:
            sheet = self.checkout_sheet(name)
            if sheet is None:
                return 0
            with self.wb_lock:
                out = io.StringIO()
                writer = csv.writer(out)
                for ref, value in sorted(sheet["cells"].items()):
                    writer.writerow([ref, value])
                with open(os.path.join(self.workdir, f"{name}.csv"), "w") as fh:
                    fh.write(out.getvalue())
                time.sleep(0.01)  # ok: GIL004
            return len(sheet["cells"])

        return await loop.run_in_executor(None, render_and_write)

    async def apply_remote_edits(self, since: int) -> int:
        edits = await self.fetch_remote_edits(since)
        for sheet, ref, value in edits:
            self.sheets.setdefault(sheet, {"cells": {}})["cells"][ref] = value
        return len(edits)


async def main() -> None:
    with tempfile.TemporaryDirectory(prefix="collab-") as workdir:
        template = os.path.join(workdir, "template.json")
        with open(template, "w") as fh:
            json.dump({"Budget": {"cells": {"A1": "Item", "B1": "Amount"}},
                       "Payroll": {"cells": {}, "protected": True}}, fh)
        session = CollabSession(workdir, "file://" + template)
        await session.load_template()
        applied = 0
        for version in range(1, 4):
            applied += await session.apply_remote_edits(since=version * 20)
            snapshot, rows = await asyncio.gather(session.autosave(version),
                                                  session.export_csv("Budget"))
            log.info("v%d: %s, %d rows exported", version, os.path.basename(snapshot), rows)
        saved = sorted(f for f in os.listdir(workdir) if f.startswith("autosave-"))
        print(f"applied {applied} remote edits; snapshots: {saved}; "
              f"Budget has {len(session.sheets['Budget']['cells'])} cells")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main())
