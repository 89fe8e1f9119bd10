#!/usr/bin/env python3
"""Async sensor ETL: poll simulated gateways, drop bad readings, load them into sqlite."""
import asyncio
import os
import random
import sqlite3
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor


def read_gateway_blocking(gateway_id, rng):
    time.sleep(0.01)  # expect: GIL004
    return [(gateway_id, rng.randint(1, 8), round(rng.gauss(21.0, 12.0), 2)) for _ in range(20)]


def fetch_archive_blocking(gateway_id):
    time.sleep(0.02)  # ok: GIL004
    return [(gateway_id, 0, 20.0 + gateway_id)] * 5


class Loader:
    def __init__(self, path):
        self.conn = sqlite3.connect(path, check_same_thread=False)
        self.conn.execute("CREATE TABLE IF NOT EXISTS readings (gateway INT, sensor INT, celsius REAL)")
        self.rows = 0

    def write(self, rows):
        self.conn.executemany("INSERT INTO readings VALUES (?, ?, ?)", rows)
        self.conn.commit()
        self.rows += len(rows)  # ok: GIL002


async def poll_gateway(gateway_id, loader, db_pool, rng):
    loop = asyncio.get_running_loop()
    archive = await loop.run_in_executor(None, fetch_archive_blocking, gateway_id)
    await loop.run_in_executor(db_pool, loader.write, archive)
    dropped = 0
    for _ in range(3):
        batch = read_gateway_blocking(gateway_id, rng)
        cleaned = [r for r in batch if -10.0 < r[2] < 45.0]
        dropped += len(batch) - len(cleaned)
        await loop.run_in_executor(db_pool, loader.write, cleaned)
        await asyncio.sleep(0.01)  # ok: GIL004
    return dropped


async def heartbeat(stop, beats):
    while not stop.is_set():
        time.sleep(0.003)  # expect: GIL004
        beats.append(time.monotonic())
        await asyncio.sleep(0.02)  # ok: GIL004


async def main():
    with tempfile.TemporaryDirectory() as tmp:
        loader = Loader(os.path.join(tmp, "sensors.db"))
        db_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db-writer")
        stop, beats = asyncio.Event(), []
        hb = asyncio.create_task(heartbeat(stop, beats))
        rng = random.Random(3)
        dropped = await asyncio.gather(*(poll_gateway(g, loader, db_pool, rng) for g in range(5)))
        stop.set()
        await hb
        db_pool.shutdown(wait=True)
        total, avg = loader.conn.execute("SELECT COUNT(*), AVG(celsius) FROM readings").fetchone()
        loader.conn.close()
    print(f"rows={total} (writer saw {loader.rows}) avg={avg:.2f}C dropped={sum(dropped)} beats={len(beats)}")


if __name__ == "__main__":
    asyncio.run(main())
