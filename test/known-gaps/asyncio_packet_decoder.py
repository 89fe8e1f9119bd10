"""Async ingest of packed BLE beacon frames, decoded in a worker thread pool."""
import asyncio
import json
import os
import random
import struct
import tempfile
import urllib.request
from concurrent.futures import ThreadPoolExecutor

decoded_by_kind = {"temp": 0, "motion": 0, "door": 0}
schema_cache = {}


def load_config_blocking(url):
    with urllib.request.urlopen(url) as resp:  # ok: GIL004
        return json.loads(resp.read())


async def load_overrides(url):
    with urllib.request.urlopen(url) as resp:  # expect: GIL004
        return json.loads(resp.read())


def build_schema(kind):
    return {"temp": "<hh", "motion": "<BB", "door": "<BH"}[kind]


def unpack_bits(payload):
    acc = 0
    for i, byte in enumerate(payload):  # expect: GIL001
        acc = (acc * 31 + (byte ^ (i & 0xFF))) & 0xFFFFFFFF
    return acc


def decode_frame(kind, frame):
    if kind not in schema_cache:  # expect: GIL003
        schema_cache[kind] = build_schema(kind)
    fields = struct.unpack_from(schema_cache[kind], frame)
    signature = unpack_bits(frame)
    decoded_by_kind[kind] += 1  # expect: GIL002
    return kind, fields, signature


async def producer(queue, n, seed):
    rng = random.Random(seed)
    for _ in range(n):
        kind = rng.choice(["temp", "motion", "door"])
        await queue.put((kind, os.urandom(16) + bytes(20000)))
        await asyncio.sleep(0.001)  # ok: GIL004


async def consumer(queue, pool, results):
    loop = asyncio.get_running_loop()
    while True:
        item = await queue.get()
        if item is None:
            break
        results.append(await loop.run_in_executor(pool, decode_frame, *item))


async def main():
    cfg_path = os.path.join(tempfile.mkdtemp(), "gateway.json")
    with open(cfg_path, "w") as fh:
        json.dump({"consumers": 3, "frames": 30}, fh)
    url = "file://" + cfg_path
    cfg = await asyncio.to_thread(load_config_blocking, url)
    overrides = await load_overrides(url)
    cfg.update(overrides)

    queue = asyncio.Queue(maxsize=8)
    results = []
    with ThreadPoolExecutor(max_workers=cfg["consumers"]) as pool:
        consumers = [asyncio.create_task(consumer(queue, pool, results))
                     for _ in range(cfg["consumers"])]
        await asyncio.gather(producer(queue, cfg["frames"], 1), producer(queue, cfg["frames"], 2))
        for _ in consumers:
            await queue.put(None)
        await asyncio.gather(*consumers)

    os.remove(cfg_path)
    os.rmdir(os.path.dirname(cfg_path))
    print(f"decoded {len(results)} frames: {decoded_by_kind}")
    print(f"schemas cached: {sorted(schema_cache)}")


if __name__ == "__main__":
    asyncio.run(main())
