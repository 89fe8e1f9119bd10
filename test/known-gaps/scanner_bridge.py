"""Warehouse inventory daemon bridging to an asyncio-only scanner client.

Worker threads pull scanner ids from a queue.Queue and update the inventory; the scanner
client runs on an event loop in a background thread, fed with run_coroutine_threadsafe.
"""
import asyncio
import json
import queue
import random
import threading
import time
from threading import Thread as T

SKU_BY_PREFIX = {"PAL": "pallet", "BOX": "box", "BIN": "bin"}
inventory = {}
inv_lock = threading.Lock()
processed = 0


def _pulse(pin):
    time.sleep(0.05)  # expect: GIL004


def _power_cycle(scanner_id):
    for pin in (4, 17):
        _pulse(pin)


def warm_up_laser(scanner_id):
    _power_cycle(scanner_id)


class ScannerHub:
    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = T(target=self.loop.run_forever, name="scanner-loop", daemon=True)
        self.reads = 0
        self.first_seen = {}
        self.seen_lock = asyncio.Lock()

    def submit(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def stop(self):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()

    async def read(self, scanner_id):
        await asyncio.sleep(random.uniform(0.005, 0.02))  # ok: GIL004
        self.reads += 1  # ok: GIL002 (coroutines on the one loop thread)
        prefix = random.choice(sorted(SKU_BY_PREFIX))
        async with self.seen_lock:
            if prefix not in self.first_seen:  # ok: GIL003
                self.first_seen[prefix] = scanner_id
        return {"scanner": scanner_id, "prefix": prefix, "count": random.randint(1, 4)}

    async def calibrate(self, scanner_id):
        warm_up_laser(scanner_id)
        return await self.read(scanner_id)

    async def recalibrate(self, scanner_id):
        await self.loop.run_in_executor(None, warm_up_laser, scanner_id)  # ok: GIL004
        return await self.read(scanner_id)


def apply_reading(reading):
    inv_lock.acquire()  # expect: GIL005
    sku = SKU_BY_PREFIX[reading["prefix"]]
    inventory[sku] = inventory.get(sku, 0) + reading["count"]  # ok: GIL002 (lock held)
    inv_lock.release()


def audit_snapshot(path):
    if not inv_lock.acquire(timeout=2):  # ok: GIL005
        return None
    try:
        snapshot = dict(inventory)
    finally:
        inv_lock.release()
    with open(path, "w") as out:
        json.dump(snapshot, out)
    return snapshot


def worker_loop(jobs, hub):
    global processed
    while True:  # ok: GIL001 (waits on the queue and on the loop)
        scanner_id = jobs.get()
        if scanner_id is None:
            break
        try:
            reading = hub.submit(hub.read(scanner_id)).result(timeout=5)
        except TimeoutError:
            time.sleep(0.2)  # ok: GIL004 (worker thread, not the loop)
            continue
        apply_reading(reading)
        processed += 1  # expect: GIL002


if __name__ == "__main__":
    hub = ScannerHub()
    hub.thread.start()
    for sid in range(3):
        hub.submit(hub.calibrate(sid)).result()
    hub.submit(hub.recalibrate(3)).result()
    jobs = queue.Queue()
    workers = [T(target=worker_loop, args=(jobs, hub), name=f"inv-{i}") for i in range(3)]
    for w in workers:
        w.start()
    auditor = threading.Timer(0.3, audit_snapshot, args=("inventory.audit.json",))
    auditor.start()
    for _ in range(120):
        jobs.put(random.randrange(8))
    for _ in workers:
        jobs.put(None)
    for w in workers:
        w.join()
    auditor.join()
    hub.stop()
    print(f"processed={processed} reads={hub.reads} inventory={inventory} first_seen={hub.first_seen}")
