"""Async dispatch desk of the summoner: notify each party of a hearing, wait for the court
registry's acknowledgement, keep a receipt book, and archive the day's batch.

The registry runs in a plain thread on the far side of two socketpairs: notices go out on a
non-blocking pair, acknowledgements come back on a blocking one.
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

log = logging.getLogger("summoner.dispatch")
ACK_SIZE = 16


@dataclass
class Summons:
    case_id: str
    party: str
    court: str
    hearing_day: int


def retry(times=3, delay=0.01):
    """Retry a coroutine on ConnectionError with a growing (awaited) pause."""

    def deco(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(1, times + 1):
                try:
                    return await fn(*args, **kwargs)
                except ConnectionError:
                    if attempt == times:
                        raise
                    await asyncio.sleep(delay * attempt)

        return wrapper

    return deco


class ReceiptBook:
    def __init__(self, directory):
        self.path = os.path.join(directory, "receipts.jsonl")

    def write(self, summons, ack):
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({**asdict(summons), "ack": ack}) + "\n")
        time.sleep(0.002)  # expect: GIL004

    def count(self):
        with open(self.path, encoding="utf-8") as fh:
            return sum(1 for _ in fh)


def registry_service(inbox, outbox):
    """The court registry: acknowledge every notice line it receives."""
    pending = b""
    while True:  # ok: GIL001
        chunk = inbox.recv(256)
        if not chunk:
            break
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            outbox.sendall(b"ACK:" + line[:12].ljust(12))
    outbox.close()


def score_clashes(summonses, rounds):
    """Count hearing clashes (same court, same day) over repeated re-listing rounds."""
    clashes = 0
    for r in range(rounds):  # expect: GIL001
        for a in summonses:
            for b in summonses:
                if a.court == b.court and (a.hearing_day + r) % 5 == (b.hearing_day + r) % 5 \
                        and a.case_id < b.case_id:
                    clashes += 1
    return clashes


class DispatchDesk:
    def __init__(self, workdir, pool):
        self.workdir = workdir
        self.pool = pool
        self.receipts = ReceiptBook(workdir)
        self.out_sock, self._out_peer = socket.socketpair()
        self.out_sock.setblocking(False)
        self.ack_sock, self._ack_peer = socket.socketpair()  # left blocking
        self.registry = threading.Thread(
            target=registry_service, args=(self._out_peer, self._ack_peer), name="registry")

    def open(self):
        self.registry.start()

    @retry(times=2)
    async def notify(self, summons):
        loop = asyncio.get_running_loop()
        payload = f"{summons.case_id}\n".encode()
        await loop.sock_sendall(self.out_sock, payload)  # ok: GIL004
        ack = self.ack_sock.recv(ACK_SIZE)  # expect: GIL004
        if not ack:
            raise ConnectionError("registry hung up")
        self.receipts.write(summons, ack.decode().strip())
        return ack

    def _archive(self, batch):
        path = os.path.join(self.workdir, "archive.json")
        with open(path, "w", encoding="utf-8") as fh:
            json.dump([asdict(s) for s in batch], fh)
        time.sleep(0.01)  # ok: GIL004
        return path

    async def run_day(self, summonses, roster):
        loop = asyncio.get_running_loop()
        clash_job = loop.run_in_executor(self.pool, score_clashes, roster, 40)
        acks = []
        for s in summonses:
            acks.append(await self.notify(s))
        archive_path = await asyncio.to_thread(self._archive, summonses)
        clashes = await clash_job
        return acks, clashes, archive_path

    def close(self):
        self.out_sock.close()
        self.registry.join()
        self.ack_sock.close()
        self._out_peer.close()


def make_summonses(rng, n):
    courts = ("Verderers", "Swainmote", "Attachment")
    return [Summons(f"C{i:04d}", f"commoner-{rng.randint(1, 40)}", rng.choice(courts), rng.randint(1, 10))
            for i in range(n)]


async def main():
    logging.basicConfig(level=logging.INFO)
    rng = random.Random(11)
    summonses = make_summonses(rng, 130)
    with tempfile.TemporaryDirectory() as workdir, ThreadPoolExecutor(max_workers=2) as pool:
        desk = DispatchDesk(workdir, pool)
        desk.open()
        started = time.perf_counter()
        try:
            acks, clashes, archive_path = await desk.run_day(summonses[:40], summonses)
            _, more_clashes, _ = await desk.run_day(summonses[40:60], summonses[5:])
        finally:
            await asyncio.to_thread(desk.close)
        print(f"{len(acks)} acknowledged, {desk.receipts.count()} receipts, "
              f"clashes {clashes}/{more_clashes}, archived {os.path.basename(archive_path)}")
        print(f"elapsed {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
