"""Async truck-gate monitor for a container terminal: polls lanes, updates signage."""
import asyncio
import random
import threading
import time

LANES = ["IN-1", "IN-2", "OUT-1", "OUT-2"]


class GateStats:
    def __init__(self):
        self.trucks = 0
        self.by_lane = {}


def read_rfid_blocking(lane):
    time.sleep(0.01)  # ok: GIL004
    return f"TRK{random.randint(1000, 9999)}"


def refresh_sign(lane, plate):
    time.sleep(0.004)  # expect: GIL004
    return f"[{lane}] proceed {plate}"


async def barrier_selftest(lane):
    time.sleep(0.01)  # expect: GIL004
    return lane, True


async def poll_lane(lane, stats, rounds):
    loop = asyncio.get_running_loop()
    for _ in range(rounds):
        plate = await loop.run_in_executor(None, read_rfid_blocking, lane)
        stats.trucks += 1  # ok: GIL002
        stats.by_lane[lane] = stats.by_lane.get(lane, 0) + 1  # ok: GIL002
        refresh_sign(lane, plate)
        await asyncio.sleep(0.002)  # ok: GIL004


def heartbeat(stats, stop):
    while not stop.is_set():  # ok: GIL001
        stop.wait(0.05)
        print(f"  heartbeat: {stats.trucks} trucks processed")


async def main():
    stats = GateStats()
    stop = threading.Event()
    hb = threading.Thread(target=heartbeat, args=(stats, stop), daemon=True)
    hb.start()
    checks = await asyncio.gather(*(barrier_selftest(lane) for lane in LANES))
    print("barrier self-test:", ", ".join(f"{lane}={'ok' if ok else 'FAIL'}" for lane, ok in checks))
    await asyncio.gather(*(poll_lane(lane, stats, 8) for lane in LANES))
    stop.set()
    hb.join()
    print(f"total trucks: {stats.trucks}")
    for lane in LANES:
        print(f"  {lane}: {stats.by_lane.get(lane, 0)}")


if __name__ == "__main__":
    asyncio.run(main())
