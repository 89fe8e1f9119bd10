#!/usr/bin/env python3
"""Poll simulated price feeds from asyncio; smoothing runs on a thread pool."""
import asyncio
import random
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial

FEEDS = {"alpha": 0.02, "beta": 0.03, "gamma": 0.01}
LEGACY_FEEDS = {"delta": 0.015}


def fetch_quotes_blocking(name, latency, quotes):
    time.sleep(latency)  # ok: GIL004
    return list(quotes[name])


def ewma(values, alpha=0.1):
    smoothed = []
    current = values[0]
    for v in values:  # expect: GIL001
        current = alpha * v + (1 - alpha) * current
        smoothed.append(current)
    return smoothed


def rate_limit(seconds):
    time.sleep(seconds)  # expect: GIL004


async def poll_feed(name, latency, pool, quotes):
    loop = asyncio.get_running_loop()
    raw = await loop.run_in_executor(pool, partial(fetch_quotes_blocking, name, latency, quotes))
    smooth = await loop.run_in_executor(pool, partial(ewma, raw, alpha=0.2))
    return name, raw[-1], smooth[-1]


async def poll_legacy_feed(name, latency, quotes):
    rate_limit(latency / 2)
    time.sleep(latency)  # expect: GIL004
    values = quotes[name]
    return name, values[-1], sum(values) / len(values)


async def heartbeat(stop):
    beats = 0
    while not stop.is_set():
        await asyncio.sleep(0.005)  # ok: GIL004
        beats += 1  # ok: GIL002
    return beats


def generate_quotes(names, n=2000, seed=42):
    rng = random.Random(seed)
    book = {}
    for name in names:
        price = 100.0
        series = []
        for _ in range(n):
            price += rng.gauss(0, 0.5)
            series.append(price)
        book[name] = series
    return book


async def main():
    quotes = generate_quotes(list(FEEDS) + list(LEGACY_FEEDS))
    stop = asyncio.Event()
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="feed") as pool:
        hb = asyncio.create_task(heartbeat(stop))
        tasks = [poll_feed(n, lat, pool, quotes) for n, lat in FEEDS.items()]
        tasks += [poll_legacy_feed(n, lat, quotes) for n, lat in LEGACY_FEEDS.items()]
        rows = await asyncio.gather(*tasks)
        stop.set()
        beats = await hb
    for name, last, smooth in sorted(rows):
        print("%-6s last=%8.3f smoothed=%8.3f" % (name, last, smooth))
    print("heartbeats while polling:", beats)


if __name__ == "__main__":
    asyncio.run(main())
