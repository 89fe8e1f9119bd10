"""Asyncio ground-station scheduler: for each satellite pass it loads the ephemeris,
slews the antenna, drains telemetry packets from an asyncio queue and files a pass
report. A watchdog thread beats a heartbeat while the event loop runs."""
import asyncio
import threading
import time
import zlib

heartbeats = []


def fetch_ephemeris(sat):
    time.sleep(0.03)  # expect: GIL004
    return {"sat": sat, "epoch": round(time.time())}


def file_pass_report(sat, packets):
    time.sleep(0.02)  # ok: GIL004
    blob = b"".join(packets)
    return sat, len(blob), zlib.crc32(blob)


def seal_logbook(entries):
    time.sleep(0.01)  # ok: GIL004
    return len(entries)


async def slew_antenna(azimuth):
    time.sleep(0.02)  # expect: GIL004
    return azimuth


async def downlink(q, sat, count):
    for i in range(count):
        await asyncio.sleep(0.004)  # ok: GIL004
        await q.put(bytes([i % 256]) * 48)
    await q.put(None)


async def track_pass(sat, azimuth, count):
    eph = fetch_ephemeris(sat)
    await slew_antenna(azimuth)
    q = asyncio.Queue()
    producer = asyncio.create_task(downlink(q, sat, count))
    packets = []
    while (pkt := await q.get()) is not None:
        packets.append(pkt)
    await producer
    loop = asyncio.get_running_loop()
    report = await loop.run_in_executor(None, file_pass_report, sat, packets)
    return eph["epoch"], report


def watchdog(stop):
    while not stop.wait(0.01):  # ok: GIL001
        heartbeats.append(time.monotonic())


async def main():
    stop = threading.Event()
    dog = threading.Thread(target=watchdog, args=(stop,), daemon=True)
    dog.start()
    start = time.perf_counter()
    passes = [("NOAA-19", 140), ("METOP-B", 220), ("CUBESAT-7", 75)]
    results = await asyncio.gather(*(track_pass(sat, az, 25) for sat, az in passes))
    sealed = await asyncio.to_thread(seal_logbook, results)
    stop.set()
    dog.join()
    for epoch, (sat, size, crc) in results:
        print(f"{sat:<10} epoch {epoch} {size:>5} bytes crc {crc:08x}")
    print(f"{sealed} passes sealed in {time.perf_counter() - start:.2f}s, {len(heartbeats)} heartbeats")


if __name__ == "__main__":
    asyncio.run(main())
