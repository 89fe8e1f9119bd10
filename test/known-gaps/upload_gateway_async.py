"""Upload gateway (asyncio): hashing and compression go to threads; a legacy CRC-16 runs in an executor."""
import asyncio
import hashlib
import random
import time
import zlib
from concurrent.futures import ThreadPoolExecutor

UPLOAD_BYTES = 2 * 1024 * 1024
UPLOADS = 4
CRC_BYTES = 100_000             # legacy devices only checksum the first 100 kB
HASH_PIECE = 1 << 20


def sha256_hex(payload):
    digest = hashlib.sha256()
    for offset in range(0, len(payload), HASH_PIECE):  # ok: GIL001
        digest.update(payload[offset:offset + HASH_PIECE])
    return digest.hexdigest()


def crc16_ccitt(data):
    crc = 0xFFFF
    for byte in data:  # expect: GIL001
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


class Gateway:
    def __init__(self, pool):
        self.pool = pool
        self.stored = {}
        self.accepted = 0
        self.notified = []

    def try_notify(self, name, attempt):
        ok = attempt > 0 or not name.endswith(("1.bin", "3.bin"))  # the indexer sheds load at first
        if ok:
            self.notified.append(name)
        return ok

    async def notify_indexer(self, name):
        for attempt in range(3):
            if self.try_notify(name, attempt):
                return
            time.sleep(0.02 * (attempt + 1))  # expect: GIL004

    async def handle(self, name, payload):
        loop = asyncio.get_running_loop()
        tag = hashlib.sha256(name.encode()).hexdigest()[:12]  # ok: GIL004
        digest = await asyncio.to_thread(sha256_hex, payload)
        crc = await loop.run_in_executor(self.pool, crc16_ccitt, payload[:CRC_BYTES])
        packed = await asyncio.to_thread(zlib.compress, payload, 6)
        self.stored[name] = (tag, digest[:16], f"{crc:04x}", len(packed))
        self.accepted += 1  # ok: GIL002
        await self.notify_indexer(name)


async def heartbeat(gateway, stop):
    while not stop.is_set():
        await asyncio.sleep(0.05)  # ok: GIL004
        print(f"  heartbeat: {gateway.accepted} accepted")


async def main(payloads):
    pool = ThreadPoolExecutor(max_workers=UPLOADS, thread_name_prefix="crc")
    gateway, stop = Gateway(pool), asyncio.Event()
    beat = asyncio.create_task(heartbeat(gateway, stop))
    started = time.perf_counter()
    await asyncio.gather(*(gateway.handle(name, data) for name, data in payloads.items()))
    stop.set()
    await beat
    pool.shutdown()
    print(f"{gateway.accepted} uploads in {time.perf_counter() - started:.2f}s, notified {gateway.notified}")
    for name, row in gateway.stored.items():
        print(f"  {name}: {row}")


if __name__ == "__main__":
    rng = random.Random(4)
    block = rng.randbytes(256 * 1024)
    uploads = {f"upload-{i}.bin": (block[i:] + block[:i]) * (UPLOAD_BYTES // len(block)) for i in range(UPLOADS)}
    asyncio.run(main(uploads))
