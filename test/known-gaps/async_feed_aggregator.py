"""Aggregate headline feeds on an asyncio loop, merging them with an on-disk snapshot cache."""
import asyncio
import functools
import json
import os
import shutil
import tempfile
import time

FEEDS = ["alpha", "beta", "gamma", "delta", "epsilon"]
SEEDED = {"alpha", "beta", "gamma"}
RETRIES = 3
FLAKY = {"beta": 1, "delta": 2}

CACHE_DIR = tempfile.mkdtemp(prefix="feeds-")
attempts = {}


def retry_async(fn):
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        for attempt in range(1, RETRIES + 1):
            try:
                return await fn(*args, **kwargs)
            except ConnectionError:
                if attempt == RETRIES:
                    raise
                time.sleep(0.01 * attempt)  # expect: GIL004
    return wrapper


def snapshot_path(name):
    return os.path.join(CACHE_DIR, f"{name}.json")


def seed_cache():
    for name in sorted(SEEDED):
        with open(snapshot_path(name), "w", encoding="utf-8") as fh:
            json.dump({"feed": name, "items": [f"{name} old story {i}" for i in range(2)]}, fh)


def load_snapshot(name):
    with open(snapshot_path(name), encoding="utf-8") as fh:  # expect: GIL004
        return json.load(fh)


def save_snapshot(name, payload):
    with open(snapshot_path(name), "w", encoding="utf-8") as fh:  # ok: GIL004
        json.dump(payload, fh)


@retry_async
async def fetch_feed(name):
    attempts[name] = attempts.get(name, 0) + 1  # ok: GIL002
    await asyncio.sleep(0.01)
    if attempts[name] <= FLAKY.get(name, 0):
        raise ConnectionError(f"{name}: upstream reset")
    return {"feed": name, "items": [f"{name} story {i}" for i in range(3)]}


async def refresh(name):
    cached = load_snapshot(name) if name in SEEDED else None
    fresh = await fetch_feed(name)
    old_items = cached["items"] if cached else []
    merged = [s for s in fresh["items"] if s not in old_items] + old_items
    payload = {"feed": name, "items": merged}
    await asyncio.to_thread(save_snapshot, name, payload)
    return name, len(merged)


async def aggregate():
    results = await asyncio.gather(*(refresh(name) for name in FEEDS))
    return dict(results)


def main():
    seed_cache()
    try:
        counts = asyncio.run(aggregate())
    finally:
        written = sorted(os.listdir(CACHE_DIR))
        shutil.rmtree(CACHE_DIR, ignore_errors=True)
    for name in FEEDS:
        print(f"{name:8s} items={counts[name]} attempts={attempts[name]}")
    print(f"snapshots written: {len(written)}")


if __name__ == "__main__":
    main()
