"""Async gateway of a pairwise-alignment service.

Clients stream tab-separated requests (id, query, target) over a socket.  The
gateway parses them on the event loop, runs the Needleman-Wunsch global alignment
off the loop, archives every answer as JSON and keeps an audit trail.
"""
import asyncio
import functools
import json
import logging
import os
import random
import socket
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass

log = logging.getLogger("gateway")

GATEWAY_CONFIG = {
    "requests": 4,
    "query_len": 360,
    "target_len": 360,
    "client_gap": 0.002,
    "audit_every": 4,
    "audit_delay": 0.002,
    "archive_delay": 0.01,
}


@dataclass
class AlignRequest:
    req_id: str
    query: str
    target: str

    @classmethod
    def parse(cls, line: str) -> "AlignRequest":
        req_id, query, target = line.rstrip("\n").split("\t")
        return cls(req_id, query.upper(), target.upper())

    def encode(self) -> bytes:
        return f"{self.req_id}\t{self.query}\t{self.target}\n".encode()


@dataclass
class AlignResponse:
    req_id: str
    score: int
    identity: float


class GlobalAligner:
    def __init__(self, match: int = 1, mismatch: int = -1, gap: int = -1):
        self.match = match
        self.mismatch = mismatch
        self.gap = gap

    def global_align(self, query: str, target: str) -> tuple:
        cols = len(target) + 1
        prev = [j * self.gap for j in range(cols)]
        for i in range(1, len(query) + 1):  # expect: GIL001
            cur = [i * self.gap] + [0] * (cols - 1)
            qi = query[i - 1]
            for j in range(1, cols):
                diag = prev[j - 1] + (self.match if qi == target[j - 1] else self.mismatch)
                cur[j] = max(diag, prev[j] + self.gap, cur[j - 1] + self.gap)
            prev = cur
        score = prev[-1]
        identity = max(0.0, score / max(len(query), len(target)))
        return score, round(identity, 3)


def archive_blocking(directory: str, resp: AlignResponse, *, delay: float, attempts: int = 3) -> str:
    """Write one answer durably; runs on the archive thread, never on the loop."""
    path = os.path.join(directory, f"{resp.req_id}.json")
    for attempt in range(attempts):  # ok: GIL001
        try:
            with open(path + ".tmp", "w") as fh:
                json.dump(asdict(resp), fh)
            time.sleep(delay)  # ok: GIL004
            os.replace(path + ".tmp", path)
            return path
        except OSError as exc:
            log.warning("archive attempt %d for %s failed: %s", attempt, resp.req_id, exc)
    raise RuntimeError(f"could not archive {resp.req_id}")


class Gateway:
    def __init__(self, sock: socket.socket, aligner: GlobalAligner, archive_dir: str, **cfg):
        self._sock = sock
        self._aligner = aligner
        self._archive_dir = archive_dir
        self._cfg = cfg
        self._audit_trail: list = []
        self._archiver = ThreadPoolExecutor(max_workers=1, thread_name_prefix="archive")

    async def read_requests(self):
        loop = asyncio.get_running_loop()
        buf = b""
        while True:
            chunk = await loop.sock_recv(self._sock, 4096)  # ok: GIL004
            if not chunk:
                break
            buf += chunk
            *lines, buf = buf.split(b"\n")
            for line in lines:
                if line:
                    yield AlignRequest.parse(line.decode())

    async def handle(self, req: AlignRequest) -> AlignResponse:
        self._audit("received", req.req_id)
        score, identity = await asyncio.to_thread(self._aligner.global_align, req.query, req.target)
        resp = AlignResponse(req.req_id, score, identity)
        loop = asyncio.get_running_loop()
        job = functools.partial(archive_blocking, self._archive_dir, resp,
                                delay=self._cfg["archive_delay"])
        await loop.run_in_executor(self._archiver, job)
        self._audit("answered", req.req_id)
        return resp

    def _audit(self, event: str, req_id: str) -> None:
        self._audit_trail.append((time.monotonic(), event, req_id))
        if len(self._audit_trail) % self._cfg["audit_every"] == 0:
            self._flush_audit()

    def _flush_audit(self) -> None:
        # the audit sink is a synchronous syslog-style writer
        time.sleep(self._cfg["audit_delay"])  # expect: GIL004
        log.info("audit flushed: %d events", len(self._audit_trail))

    def close(self) -> None:
        self._archiver.shutdown(wait=True)


def client_thread(sock: socket.socket, requests: list, gap: float) -> None:
    for req in requests:
        sock.sendall(req.encode())
        time.sleep(gap)
    sock.shutdown(socket.SHUT_WR)


def random_pair(rng: random.Random, req_id: str, qlen: int, tlen: int) -> AlignRequest:
    target = "".join(rng.choice("ACGT") for _ in range(tlen))
    query = list(target[:qlen])
    for pos in rng.sample(range(qlen), qlen // 10):
        query[pos] = rng.choice("ACGT")
    return AlignRequest(req_id, "".join(query), target)


async def serve(cfg: dict) -> list:
    rng = random.Random(3)
    requests = [random_pair(rng, f"q{i}", cfg["query_len"], cfg["target_len"])
                for i in range(cfg["requests"])]
    client, server = socket.socketpair()
    server.setblocking(False)
    producer = threading.Thread(target=client_thread, args=(client, requests, cfg["client_gap"]),
                                name="client", daemon=True)
    with tempfile.TemporaryDirectory(prefix="aln-archive-") as archive_dir:
        gateway = Gateway(server, GlobalAligner(), archive_dir, **cfg)
        producer.start()
        tasks = []
        async for req in gateway.read_requests():
            tasks.append(asyncio.create_task(gateway.handle(req)))
        responses = await asyncio.gather(*tasks)
        gateway.close()
        archived = sorted(os.listdir(archive_dir))
    producer.join()
    client.close()
    server.close()
    print(f"archived {len(archived)} answers: {archived}")
    return responses


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    for resp in asyncio.run(serve(GATEWAY_CONFIG)):
        print(f"{resp.req_id}: score={resp.score} identity={resp.identity}")
    print(f"total {time.perf_counter() - started:.2f}s")
