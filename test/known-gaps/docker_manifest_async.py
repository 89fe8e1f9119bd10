"""Cargo manifest office on asyncio.

A tally clerk on the quay (a plain thread) calls out crate entries over two socket pairs:
one for the fore hold and one for the aft hold.  The office coroutines read both, file every
entry in the manifest book (in a thread pool), seal the manifest with a checksum and archive it.
"""
import asyncio
import hashlib
import json
import logging
import os
import socket
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger("docker.manifest")

OFFICE = {"archive_pause": 0.01, "seal_blocks": 12, "block_kib": 512, "call_gap": 0.003}

ENTRIES = {
    "fore": [{"mark": f"F-{i:02d}", "tons": 1.0 + i % 4 * 0.5, "goods": "jute"} for i in range(8)],
    "aft": [{"mark": f"A-{i:02d}", "tons": 2.0 + i % 3 * 0.25, "goods": "tea"} for i in range(8)],
}


class ManifestBook:
    def __init__(self, vessel):
        self.vessel = vessel
        self._lock = threading.Lock()
        self.entries = {}
        self.amendments = []

    def file_entry(self, raw):
        self._lock.acquire()  # expect: GIL005
        entry = json.loads(raw)
        self.entries[entry["mark"]] = entry
        self._lock.release()
        return entry["mark"]

    def amend(self, mark, **changes):
        self._lock.acquire()  # ok: GIL005
        try:
            entry = self.entries.get(mark)
            if entry is None:
                return False
            entry.update(changes)
            self.amendments.append((mark, sorted(changes)))
            return True
        finally:
            self._lock.release()


def tally_clerk(socks, entries, gap):
    """Quay side: a plain thread that calls the entries down the wire."""
    for hold, sock in socks.items():
        with sock:
            for entry in entries[hold]:
                sock.sendall((json.dumps(entry) + "\n").encode())  # ok: GIL004
                time.sleep(gap)
            sock.shutdown(socket.SHUT_WR)


def seal_manifest(payload, blocks, block_kib):
    """Checksum the manifest padded into large blocks; hashlib releases the GIL here."""
    digest = hashlib.sha256()
    filler = (payload * (block_kib * 1024 // max(1, len(payload)) + 1))[:block_kib * 1024]
    for b in range(blocks):  # ok: GIL001
        digest.update(filler)
    return digest.hexdigest()


def archive(folder, vessel, text, pause):
    path = os.path.join(folder, f"{vessel}.manifest")
    with open(path, "w") as fh:
        fh.write(text)
    time.sleep(pause)  # ok: GIL004
    return path


class Office:
    def __init__(self, book, pool, fore_sock, aft_sock, **settings):
        self.book = book
        self.pool = pool
        self.fore_sock = fore_sock
        self.aft_sock = aft_sock
        self.settings = settings

    async def _file(self, line):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, self.book.file_entry, line)

    async def read_fore(self):
        """The fore line was left in blocking mode."""
        buf, filed = b"", []
        while True:
            chunk = self.fore_sock.recv(256)  # expect: GIL004
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                filed.append(await self._file(line.decode()))
        return filed

    async def read_aft(self):
        loop = asyncio.get_running_loop()
        self.aft_sock.setblocking(False)
        buf, filed = b"", []
        while True:
            chunk = await loop.sock_recv(self.aft_sock, 256)  # ok: GIL004
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                filed.append(await self._file(line.decode()))
        return filed

    async def close_out(self, folder):
        loop = asyncio.get_running_loop()
        text = json.dumps(self.book.entries, sort_keys=True)
        seal = await loop.run_in_executor(self.pool, seal_manifest, text.encode(),
                                          self.settings["seal_blocks"], self.settings["block_kib"])
        path = await loop.run_in_executor(self.pool, archive, folder, self.book.vessel,
                                          text + "\nseal " + seal + "\n",
                                          self.settings["archive_pause"])
        return seal, path


async def main(folder):
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    fore_office, fore_quay = socket.socketpair()
    aft_office, aft_quay = socket.socketpair()
    clerk = threading.Thread(target=tally_clerk, name="tally-clerk",
                             args=({"fore": fore_quay, "aft": aft_quay}, ENTRIES,
                                   OFFICE["call_gap"]))
    clerk.start()
    book = ManifestBook("SS Ardmore")
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="office") as pool:
        office = Office(book, pool, fore_office, aft_office, **OFFICE)
        fore, aft = await asyncio.gather(office.read_fore(), office.read_aft())
        book.amend("F-03", goods="jute (wet)")
        seal, path = await office.close_out(folder)
    clerk.join()
    fore_office.close()
    aft_office.close()
    print(f"filed fore {len(fore)}, aft {len(aft)}; book holds {len(book.entries)} entries")
    print(f"amendments: {book.amendments}")
    print(f"sealed {seal[:16]}... into {os.path.basename(path)}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(main(tmp))
