"""Asyncio ingest of compressed FASTQ chunks streamed by a sequencer.

A sequencer simulator thread streams zlib-compressed FASTQ chunks over a local
socket pair.  The ingest service reads length-prefixed frames on the event
loop, hands decompression + read QC to a small thread pool, then waits for the
run-complete marker and checksums the archived chunks before releasing the
flowcell lock.
"""
from __future__ import annotations

import asyncio
import hashlib
import os
import random
import socket
import struct
import tempfile
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import List

FRAME = struct.Struct("!I")


@dataclass
class ChunkQC:
    index: int
    reads: int
    bases: int
    gc_fraction: float
    mean_quality: float


def make_fastq_chunk(rng: random.Random, n_reads: int, read_len: int = 150) -> bytes:
    lines = []
    for i in range(n_reads):
        seq = "".join(rng.choices("ACGT", weights=(29, 21, 21, 29), k=read_len))
        qual = "".join(rng.choices("?@ABCDEFGHI#", k=read_len))
        lines.append(f"@read_{i}\n{seq}\n+\n{qual}\n")
    return "".join(lines).encode()


class SequencerFeed:
    """Plays back a run: one compressed chunk every few milliseconds."""

    def __init__(self, sock: socket.socket, chunks: List[bytes], marker: str) -> None:
        self.sock = sock
        self.chunks = chunks
        self.marker = marker
        self.thread = threading.Thread(target=self._stream, name="sequencer", daemon=True)

    def _stream(self) -> None:
        for chunk in self.chunks:  # ok: GIL001
            payload = zlib.compress(chunk, 6)
            self.sock.sendall(FRAME.pack(len(payload)) + payload)
            time.sleep(0.004)  # the instrument writes a tile at a time
        self.sock.sendall(FRAME.pack(0))
        time.sleep(0.02)
        with open(self.marker, "w") as fh:
            fh.write("RTAComplete\n")


def decode_and_qc(index: int, blob: bytes) -> ChunkQC:
    """Decompress one chunk and compute GC content and mean base quality."""
    text = zlib.decompress(blob).decode()
    lines = text.split("\n")
    gc = bases = qsum = reads = 0
    for i in range(1, len(lines) - 1, 4):  # expect: GIL001
        seq, qual = lines[i], lines[i + 2]
        reads += 1
        bases += len(seq)
        for base in seq:
            if base == "G" or base == "C":
                gc += 1
        for ch in qual:
            qsum += ord(ch) - 33
    return ChunkQC(index, reads, bases, gc / bases, qsum / bases)


def acquire_flowcell_lock(path: str, attempts: int = 3) -> bool:
    """Legacy NFS-style lock file; retried with a short sleep."""
    for _ in range(attempts):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            time.sleep(0.01)  # expect: GIL004
            continue
        os.close(fd)
        return True
    return False


def wait_for_marker(path: str, timeout: float = 2.0) -> float:
    """Poll for the run-complete marker (runs in a worker thread)."""
    start = time.monotonic()
    while not os.path.exists(path):  # ok: GIL001
        if time.monotonic() - start > timeout:
            raise TimeoutError(path)
        time.sleep(0.005)  # ok: GIL004
    return time.monotonic() - start


def checksum_archive(paths: List[str]) -> str:
    digest = hashlib.sha256()
    for p in paths:  # ok: GIL001
        with open(p, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


async def ingest(sock: socket.socket, workdir: str, marker: str) -> List[ChunkQC]:
    loop = asyncio.get_running_loop()
    lock_path = os.path.join(workdir, "flowcell.lock")
    if not acquire_flowcell_lock(lock_path):
        raise RuntimeError("flowcell is locked by another ingest")
    reader, _writer = await asyncio.open_connection(sock=sock)
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="qc")
    pending, archived = [], []
    index = 0
    while True:
        header = await reader.readexactly(FRAME.size)  # ok: GIL004
        (size,) = FRAME.unpack(header)
        if size == 0:
            break
        blob = await reader.readexactly(size)
        path = os.path.join(workdir, f"chunk_{index:03d}.fq.z")
        with open(path, "wb") as fh:
            fh.write(blob)
        archived.append(path)
        pending.append(loop.run_in_executor(pool, decode_and_qc, index, blob))
        index += 1
    results = await asyncio.gather(*pending)
    waited = await asyncio.to_thread(wait_for_marker, marker)
    digest = await asyncio.to_thread(checksum_archive, archived)
    pool.shutdown(wait=True)
    os.remove(lock_path)
    print(f"marker seen after {waited * 1000:.0f} ms; archive sha256 {digest[:16]}")
    return results


def main() -> None:
    rng = random.Random(5)
    chunks = [make_fastq_chunk(rng, 800) for _ in range(8)]
    workdir = tempfile.mkdtemp(prefix="ingest-")
    marker = os.path.join(workdir, "RTAComplete.txt")
    ours, theirs = socket.socketpair()
    feed = SequencerFeed(theirs, chunks, marker)
    feed.thread.start()
    t0 = time.perf_counter()
    results = asyncio.run(ingest(ours, workdir, marker))
    feed.thread.join()
    total_bases = sum(r.bases for r in results)
    gc = sum(r.gc_fraction * r.bases for r in results) / total_bases
    print(f"{len(results)} chunks, {sum(r.reads for r in results)} reads, {total_bases} bases")
    print(f"GC {gc:.3f}, mean Q {sum(r.mean_quality for r in results) / len(results):.1f}, "
          f"{time.perf_counter() - t0:.2f}s")
    for name in os.listdir(workdir):
        os.remove(os.path.join(workdir, name))
    os.rmdir(workdir)
    ours.close()
    theirs.close()


if __name__ == "__main__":
    main()
