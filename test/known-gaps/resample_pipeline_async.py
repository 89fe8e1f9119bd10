#!/usr/bin/env python3
"""Async front end that loads PCM clips and resamples them on a worker pool."""
import array
import asyncio
import math
import time
from concurrent.futures import ThreadPoolExecutor

SRC_RATE = 8000
jobs_served = 0


def load_clip(clip_id):
    time.sleep(0.02)  # expect: GIL004
    n = SRC_RATE // 2
    return array.array("h", (int(8000 * math.sin(i * clip_id / 50.0)) for i in range(n)))  # ok: GIL001


def resample(samples, src_rate, dst_rate):
    ratio = src_rate / dst_rate
    n_out = int(len(samples) / ratio)
    out = array.array("h", bytes(2 * n_out))
    last = len(samples) - 1
    for j in range(n_out):  # expect: GIL001
        pos = j * ratio
        i = int(pos)
        frac = pos - i
        nxt = samples[i + 1] if i < last else samples[i]
        out[j] = int(samples[i] * (1.0 - frac) + nxt * frac)
    return out


async def handle(clip_id, dst_rate, pool):
    global jobs_served
    clip = load_clip(clip_id)
    loop = asyncio.get_running_loop()
    out = await loop.run_in_executor(pool, resample, clip, SRC_RATE, dst_rate)
    await loop.run_in_executor(pool, time.sleep, 0.005)  # ok: GIL004
    jobs_served += 1  # ok: GIL002
    return clip_id, dst_rate, len(out)


async def heartbeat(stop):
    beats = 0
    while not stop.is_set():
        beats += 1
        time.sleep(0.002)  # expect: GIL004
        await asyncio.sleep(0.01)  # ok: GIL004
    return beats


async def main():
    stop = asyncio.Event()
    pool = ThreadPoolExecutor(max_workers=3, thread_name_prefix="resample")
    beat_task = asyncio.create_task(heartbeat(stop))
    try:
        requests = [(1, 16000), (2, 11025), (3, 22050), (4, 16000), (5, 44100)]
        results = await asyncio.gather(*(handle(c, r, pool) for c, r in requests))
    finally:
        stop.set()
        pool.shutdown(wait=True)
    beats = await beat_task
    for clip_id, rate, n in results:
        print(f"clip {clip_id}: {SRC_RATE} Hz -> {rate} Hz, {n} samples")
    print(f"served={jobs_served} heartbeats={beats}")


if __name__ == "__main__":
    asyncio.run(main())
