#!/usr/bin/env python3
"""Async dashboard refresher: load latency fixtures, summarise them, bin histograms off the loop."""
import asyncio
import json
import pathlib
import random
import statistics
import tempfile
import time
import urllib.request


def write_fixture(path, seed, scale):
    rng = random.Random(seed)
    data = {"latencies": [round(rng.expovariate(1 / scale), 2) for _ in range(4000)]}
    path.write_text(json.dumps(data))
    return path.as_uri()


def load_metrics(url):
    with urllib.request.urlopen(url) as resp:  # expect: GIL004
        return json.loads(resp.read())


def histogram(values, bins=12):
    lo, hi = min(values), max(values)
    width = (hi - lo) / bins or 1.0
    counts = [0] * bins
    for v in values:  # expect: GIL001
        counts[min(bins - 1, int((v - lo) / width))] += 1  # ok: GIL002
    return counts


def render(counts, scale=40):
    top = max(counts)
    return ["#" * (c * scale // top) for c in counts]


async def fetch_panel(name, url):
    data = load_metrics(url)
    values = data["latencies"]
    await asyncio.sleep(0.01)  # ok: GIL004
    counts = await asyncio.to_thread(histogram, values)
    return name, statistics.median(values), statistics.pstdev(values), counts


async def heartbeat(ticks):
    for _ in range(ticks):
        time.sleep(0.02)  # expect: GIL004
        await asyncio.sleep(0)


async def cooldown():
    await asyncio.to_thread(time.sleep, 0.05)  # ok: GIL004
    return "cooldown done"


async def main():
    with tempfile.TemporaryDirectory() as tmp:
        urls = {name: write_fixture(pathlib.Path(tmp) / f"{name}.json", i, scale)
                for i, (name, scale) in enumerate([("api", 80), ("db", 15), ("cache", 3)])}
        panels = await asyncio.gather(*(fetch_panel(n, u) for n, u in urls.items()),
                                      heartbeat(5), cooldown())
    for name, median, sd, counts in panels[:-2]:
        print(f"{name:6s} median={median:7.2f} sd={sd:7.2f}")
        for bar in render(counts)[:4]:
            print("   |" + bar)
    print(panels[-1])


if __name__ == "__main__":
    asyncio.run(main())
