"""Podcast feed ingest (asyncio) that hands audio decoding to worker threads.

The service polls a handful of feeds, pulls the enclosure payloads from a local
spool, decodes them off the event loop with asyncio.to_thread and writes JSON
sidecars through the default executor.  A few of the helpers still carry the
blocking habits of the synchronous version they were ported from.
"""
from __future__ import annotations

import asyncio
import functools
import json
import logging
import math
import os
import tempfile
import time
import zlib
from dataclasses import dataclass, asdict

log = logging.getLogger("podcast.ingest")

POLL_CONFIG = {
    "feeds": ("tech-talk", "garden-hour", "night-shift"),
    "episodes_per_feed": 2,
    "politeness_s": 0.01,
    "backoff_s": 0.02,
    "decode_frames": 300_000,
}


@dataclass
class FeedItem:
    feed: str
    guid: str
    payload: bytes


@dataclass
class IngestStats:
    fetched: int = 0
    decoded: int = 0
    failures: int = 0


class FeedUnavailable(RuntimeError):
    pass


def decode_audio(payload: bytes, frames: int) -> dict:
    """Pure-Python 'decoder': expand the payload into samples and measure loudness."""
    raw = zlib.decompress(payload)
    size = len(raw)
    acc = 0
    peak = 0
    for i in range(frames):  # expect: GIL001
        sample = (raw[i % size] - 128) * ((i & 7) + 1)
        acc += sample * sample
        if sample > peak:
            peak = sample
    return {"rms": math.sqrt(acc / frames), "peak": peak}


def write_sidecar(path: str, meta: dict) -> str:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(meta, fh)
    time.sleep(0.005)  # ok: GIL004
    return path


class FeedClient:
    def __init__(self, spool_dir: str, **overrides):
        self.spool_dir = spool_dir
        self.opts = {**POLL_CONFIG, **overrides}
        self.stats = IngestStats()
        self._last_fetch = 0.0
        self._flaky = {"garden-hour"}

    def _politeness_pause(self) -> None:
        gap = time.monotonic() - self._last_fetch
        if gap < self.opts["politeness_s"]:
            time.sleep(self.opts["politeness_s"] - gap)  # expect: GIL004
        self._last_fetch = time.monotonic()

    async def _fetch_once(self, feed: str, n: int) -> FeedItem:
        self._politeness_pause()
        await asyncio.sleep(0.002)  # ok: GIL004
        if feed in self._flaky:  # ok: GIL003
            self._flaky.discard(feed)
            raise FeedUnavailable(feed)
        path = os.path.join(self.spool_dir, f"{feed}-{n}.bin")
        with open(path, "rb") as fh:
            payload = fh.read()
        self.stats.fetched += 1  # ok: GIL002
        return FeedItem(feed, f"{feed}#{n}", payload)

    async def fetch(self, feed: str, n: int, attempts: int = 3) -> FeedItem:
        for attempt in range(attempts):
            try:
                return await self._fetch_once(feed, n)
            except FeedUnavailable:
                self.stats.failures += 1
                log.info("feed %s unavailable, attempt %d", feed, attempt + 1)
                time.sleep(self.opts["backoff_s"])  # expect: GIL004
        raise FeedUnavailable(feed)


class IngestPipeline:
    def __init__(self, client: FeedClient, out_dir: str):
        self.client = client
        self.out_dir = out_dir
        self.results: list[dict] = []

    async def ingest(self, feed: str, n: int) -> dict:
        item = await self.client.fetch(feed, n)
        frames = self.client.opts["decode_frames"]
        levels = await asyncio.to_thread(decode_audio, item.payload, frames)
        self.client.stats.decoded += 1
        meta = {"guid": item.guid, "bytes": len(item.payload), **levels}
        loop = asyncio.get_running_loop()
        path = os.path.join(self.out_dir, item.guid.replace("#", "_") + ".json")
        await loop.run_in_executor(None, functools.partial(write_sidecar, path, meta))
        self.results.append(meta)
        return meta

    async def run(self) -> list[dict]:
        jobs = [self.ingest(feed, n)
                for feed in self.client.opts["feeds"]
                for n in range(self.client.opts["episodes_per_feed"])]
        return await asyncio.gather(*jobs)


def seed_spool(spool_dir: str) -> None:
    for idx, feed in enumerate(POLL_CONFIG["feeds"]):
        for n in range(POLL_CONFIG["episodes_per_feed"]):
            pcm = bytes((j * (idx + 3) + n) % 256 for j in range(4096))
            with open(os.path.join(spool_dir, f"{feed}-{n}.bin"), "wb") as fh:
                fh.write(zlib.compress(pcm))


async def main() -> None:
    with tempfile.TemporaryDirectory() as spool, tempfile.TemporaryDirectory() as out:
        seed_spool(spool)
        client = FeedClient(spool)
        pipeline = IngestPipeline(client, out)
        started = time.perf_counter()
        metas = await pipeline.run()
        elapsed = time.perf_counter() - started
        written = len(os.listdir(out))
    loudest = max(metas, key=lambda m: m["rms"])
    print(f"ingested {len(metas)} episodes in {elapsed:.2f}s, {written} sidecars")
    print(f"stats: {asdict(client.stats)}; loudest {loudest['guid']} rms={loudest['rms']:.1f}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main())
