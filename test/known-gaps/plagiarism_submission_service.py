"""Async submission checker for a course's plagiarism gate.

On start-up the service pulls the reference corpus from the storage node
(a length-prefixed stream over a socket), then scores each incoming
submission: fingerprinting runs in a thread pool so the event loop keeps
accepting uploads, and the finished report is archived to object storage.
"""
from __future__ import annotations

import asyncio
import json
import logging
import random
import re
import socket
import struct
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("plag.service")

K = 12
MOD = 1_000_000_007
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@dataclass
class Submission:
    author: str
    title: str
    text: str


@dataclass
class Session:
    author: str
    submissions: list[str] = field(default_factory=list)
    opened_at: float = field(default_factory=time.monotonic)


def recv_exact(sock: socket.socket, size: int) -> bytes:
    buf = bytearray()
    while len(buf) < size:
        chunk = sock.recv(size - len(buf))  # expect: GIL004
        if not chunk:
            raise ConnectionError("storage node closed the stream")
        buf += chunk
    return bytes(buf)


def read_reference_document(sock: socket.socket) -> tuple[str, str]:
    (length,) = struct.unpack("!I", recv_exact(sock, 4))
    record = json.loads(recv_exact(sock, length))
    return record["id"], record["text"]


def fingerprint_text(text: str, k: int = K) -> set[int]:
    """Character k-gram hashes of the normalised text (pure Python, CPU heavy)."""
    cleaned = _NON_ALNUM.sub("", text.lower())
    prints = set()
    for i in range(len(cleaned) - k + 1):  # expect: GIL001
        h = 0
        for ch in cleaned[i:i + k]:
            h = (h * 131 + ord(ch)) % MOD
        if h % 4 == 0:
            prints.add(h)
    return prints


def archive_report(bucket: dict, key: str, report: dict) -> None:
    """Blocking object-storage client (latency stubbed)."""
    time.sleep(0.01)  # ok: GIL004
    bucket[key] = json.dumps(report, sort_keys=True)


class PlagiarismGate:
    def __init__(self, *, workers: int = 3) -> None:
        self.references: dict[str, set[int]] = {}
        self.sessions: dict[str, Session] = {}
        self.bucket: dict[str, str] = {}
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fingerprint")

    async def load_references(self, sock: socket.socket, count: int) -> None:
        loop = asyncio.get_running_loop()
        for _ in range(count):
            doc_id, text = read_reference_document(sock)
            self.references[doc_id] = await loop.run_in_executor(self._pool, fingerprint_text, text)

    def _session_for(self, author: str) -> Session:
        if author not in self.sessions:  # ok: GIL003
            self.sessions[author] = Session(author)
        return self.sessions[author]

    async def score(self, sub: Submission) -> dict:
        session = self._session_for(sub.author)
        session.submissions.append(sub.title)
        loop = asyncio.get_running_loop()
        prints = await loop.run_in_executor(self._pool, fingerprint_text, sub.text)
        best_id, best = None, 0.0
        for ref_id, ref in self.references.items():
            overlap = len(prints & ref) / max(1, len(prints))
            if overlap > best:
                best_id, best = ref_id, overlap
        report = {"author": sub.author, "title": sub.title, "closest": best_id, "overlap": round(best, 3)}
        await asyncio.to_thread(archive_report, self.bucket, f"{sub.author}/{sub.title}", report)
        return report

    async def close(self) -> None:
        await asyncio.to_thread(self._pool.shutdown, wait=True)


def storage_node_stream(docs: dict[str, str]) -> socket.socket:
    """Pre-load the reference stream into one end of a socket pair."""
    client, server = socket.socketpair()
    for doc_id, text in docs.items():
        payload = json.dumps({"id": doc_id, "text": text}).encode()
        server.sendall(struct.pack("!I", len(payload)) + payload)
    server.close()
    return client


def essay(seed: int, words: int = 2500) -> str:
    stems = ["grad", "entr", "latt", "prot", "vari", "kern", "tens", "cach", "quor", "lat", "shar", "rep"]
    vocab = [a + b for a in stems for b in ("ient", "opy", "ice", "ocol", "ance", "el", "or", "e", "um")]
    rng = random.Random(seed)
    return " ".join(rng.choice(vocab) for _ in range(words))


async def main(refs: dict[str, str], sock: socket.socket) -> None:
    gate = PlagiarismGate()
    try:
        await gate.load_references(sock, len(refs))
    finally:
        sock.close()
    uploads = [
        Submission("ada", "hw1", essay(1) + " " + essay(11)),
        Submission("grace", "hw1", essay(12, 5000)),
        Submission("ada", "hw2", essay(13, 3500) + " " + essay(2)[:8000]),
        Submission("linus", "hw1", essay(14, 5000)),
    ]
    started = time.perf_counter()
    reports = await asyncio.gather(*(gate.score(s) for s in uploads))
    await gate.close()
    print(f"scored {len(reports)} submissions from {len(gate.sessions)} authors "
          f"in {time.perf_counter() - started:.2f}s; archived {len(gate.bucket)} reports")
    for r in reports:
        print(f"  {r['author']}/{r['title']}: closest {r['closest']} overlap {r['overlap']:.0%}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    references = {f"ref-{n}": essay(n) for n in range(3)}
    asyncio.run(main(references, storage_node_stream(references)))
