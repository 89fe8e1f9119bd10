"""Async telemetry gateway for remote hives.

Each hive node streams JSON readings over a stream (a socket pair here, LoRa in the
field); the gateway batches them into a journal on the SD card, then compacts and
rotates the journal in worker threads.
"""
import asyncio
import json
import logging
import os
import socket
import tempfile
import time
from dataclasses import asdict, dataclass
from functools import wraps

log = logging.getLogger("hive.gateway")

CONFIG = {
    "hives": 6,
    "readings_per_hive": 5,
    "batch_size": 8,
    "journal_throttle_s": 0.01,
    "compact_pause_s": 0.02,
}


@dataclass
class Reading:
    hive_id: int
    seq: int
    temp_c: float
    humidity: float

    def to_line(self):
        return json.dumps(asdict(self), sort_keys=True) + "\n"

    @classmethod
    def from_line(cls, raw):
        return cls(**json.loads(raw))


def retry_async(attempts=3, delay=0.01):
    def decorate(fn):
        @wraps(fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(1, attempts + 1):
                try:
                    return await fn(*args, **kwargs)
                except ConnectionError:
                    if attempt == attempts:
                        raise
                    log.warning("%s failed, retry %d", fn.__name__, attempt)
                    await asyncio.sleep(delay * attempt)  # ok: GIL004
        return wrapper
    return decorate


class Journal:
    def __init__(self, path, throttle):
        self.path = path
        self.throttle = throttle
        self.batches = 0

    def _throttle(self):
        # the gateway's SD card corrupts blocks on back-to-back writes
        time.sleep(self.throttle)  # expect: GIL004

    def _write_lines(self, lines):
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.writelines(lines)

    @retry_async(attempts=2)
    async def flush(self, batch):
        if not batch:
            return
        self._throttle()
        await asyncio.to_thread(self._write_lines, [r.to_line() for r in batch])
        self.batches += 1  # ok: GIL002

    def compact(self, pause):
        time.sleep(pause)  # ok: GIL004
        latest = {}
        with open(self.path, encoding="utf-8") as fh:
            for raw in fh:
                reading = Reading.from_line(raw)
                latest[reading.hive_id] = reading
        with open(self.path + ".compact", "w", encoding="utf-8") as fh:
            fh.writelines(r.to_line() for r in latest.values())
        return len(latest)


class Gateway:
    def __init__(self, journal, batch_size):
        self.journal = journal
        self.batch_size = batch_size
        self.pending = []
        self.last_seen = {}
        self.received = 0

    async def handle(self, reader):
        while True:
            raw = await reader.readline()
            if not raw:
                break
            reading = Reading.from_line(raw)
            self.received += 1
            if reading.hive_id not in self.last_seen:  # ok: GIL003
                self.last_seen[reading.hive_id] = reading.seq
                log.info("first contact from hive %d", reading.hive_id)
            else:
                self.last_seen[reading.hive_id] = max(self.last_seen[reading.hive_id], reading.seq)
            self.pending.append(reading)
            if len(self.pending) >= self.batch_size:
                batch, self.pending = self.pending, []
                await self.journal.flush(batch)

    async def close(self):
        batch, self.pending = self.pending, []
        await self.journal.flush(batch)


async def hive_node(hive_id, writer, count):
    for seq in range(count):
        reading = Reading(hive_id, seq, 34.5 + hive_id * 0.1, 55.0 + seq)
        writer.write(reading.to_line().encode())
        await writer.drain()
        await asyncio.sleep(0.003)
    writer.close()
    await writer.wait_closed()


async def rotate(loop, path):
    def _rotate():
        time.sleep(0.005)  # ok: GIL004
        os.replace(path + ".compact", path + ".1")
        return os.path.getsize(path + ".1")

    return await loop.run_in_executor(None, _rotate)


async def main(tmpdir):
    journal = Journal(os.path.join(tmpdir, "journal.jsonl"), CONFIG["journal_throttle_s"])
    gateway = Gateway(journal, CONFIG["batch_size"])
    start = time.perf_counter()

    jobs, links = [], []
    for hive_id in range(CONFIG["hives"]):
        node_sock, gw_sock = socket.socketpair()
        gw_reader, gw_writer = await asyncio.open_connection(sock=gw_sock)
        links.append(gw_writer)
        _node_reader, node_writer = await asyncio.open_connection(sock=node_sock)
        jobs.append(gateway.handle(gw_reader))
        jobs.append(hive_node(hive_id, node_writer, CONFIG["readings_per_hive"]))
    await asyncio.gather(*jobs)
    await gateway.close()
    for link in links:
        link.close()

    hives = await asyncio.to_thread(journal.compact, CONFIG["compact_pause_s"])
    size = await rotate(asyncio.get_running_loop(), journal.path)
    print(f"received {gateway.received} readings from {len(gateway.last_seen)} hives")
    print(f"journal batches: {journal.batches}, compacted to {hives} hives ({size} bytes)")
    print(f"done in {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    asyncio.run(main(tempfile.mkdtemp(prefix="gateway-")))
