"""Archive generated invoices: checksum each document and append it to a manifest."""
import asyncio
import hashlib
import queue
import tempfile
import threading
from pathlib import Path

INVOICE_COUNT = 6
INVOICE_BYTES = 48 * 1024


class ArchiveEntry:
    def __init__(self, path: Path):
        self.path = path

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()  # expect: GIL004

    @property
    def archive_name(self) -> str:
        return f"{self.path.stem}.archived.pdf"


class ManifestWriter(threading.Thread):
    def __init__(self, manifest_path: Path):
        super().__init__(name="manifest", daemon=True)
        self.manifest_path = manifest_path
        self.inbox: queue.Queue = queue.Queue()
        self.lock = threading.Lock()
        self.seen: set[str] = set()
        self.lines: list[str] = []

    def record(self, name: str, checksum: str) -> bool:
        self.lock.acquire()  # expect: GIL005
        if name in self.seen:
            return False
        self.seen.add(name)
        self.lines.append(f"{checksum}  {name}")
        self.lock.release()
        return True

    def snapshot(self) -> list[str]:
        with self.lock:
            return list(self.lines)

    def run(self) -> None:
        while (item := self.inbox.get()) is not None:
            self.record(*item)
        with self.lock:
            self.manifest_path.write_text("\n".join(self.lines) + "\n", encoding="utf-8")


async def archive(entries: list[ArchiveEntry], writer: ManifestWriter) -> int:
    submitted = 0
    for entry in entries:
        writer.inbox.put((entry.archive_name, entry.checksum))
        submitted += 1
        await asyncio.sleep(0)
    writer.inbox.put(None)
    await asyncio.to_thread(writer.join)
    return submitted


def make_invoices(folder: Path) -> list[ArchiveEntry]:
    entries = []
    for i in range(INVOICE_COUNT):
        path = folder / f"INV-2024-{1000 + i}.pdf"
        path.write_bytes(b"%PDF-1.7\n" + bytes([i % 251]) * INVOICE_BYTES)
        entries.append(ArchiveEntry(path))
    return entries


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        entries = make_invoices(folder)
        writer = ManifestWriter(folder / "MANIFEST.sha256")
        writer.start()
        count = asyncio.run(archive(entries, writer))
        print(f"archived {count} invoices, manifest has {len(writer.snapshot())} lines")
        print(writer.manifest_path.read_text(encoding="utf-8").splitlines()[0])


if __name__ == "__main__":
    main()
