"""Asyncio flag-evaluation gateway with segment sync and bulk re-bucketing.

Requests arrive on an asyncio.Queue.  Segment membership lists are pulled
from the segment service by URL (a local file:// URL here), rollout
overrides come from the legacy config endpoint, and when a flag's salt
changes every known user is re-bucketed on a thread pool.
"""
from __future__ import annotations

import asyncio
import functools
import json
import logging
import os
import tempfile
import time
import urllib.request
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set

log = logging.getLogger("gateway")


@dataclass
class Request:
    user_id: str
    flag: str
    reply: asyncio.Future = field(repr=False)


def read_segment(url: str) -> Set[str]:
    """Blocking fetch of a segment's member list (JSON array of user ids)."""
    with urllib.request.urlopen(url, timeout=2) as resp:  # ok: GIL004
        return set(json.load(resp))


def load_overrides(url: str) -> Dict[str, str]:
    """Legacy endpoint; returns {user_id: variant} pins for the beta flag."""
    with urllib.request.urlopen(url, timeout=2) as resp:  # expect: GIL004
        return json.loads(resp.read().decode())


def rebucket(salt: str, user_ids: List[str], buckets: int = 1000) -> Dict[str, int]:
    """Assign users to rollout buckets with a salted CRC (pure Python loop)."""
    out: Dict[str, int] = {}
    for uid in user_ids:  # expect: GIL001
        h = zlib.crc32(f"{salt}/{uid}".encode())
        for _ in range(3):
            h = (h * 1103515245 + 12345) & 0x7FFFFFFF
        out[uid] = h % buckets
    return out


class Gateway:
    def __init__(self, segment_url: str, overrides_url: str, pool: ThreadPoolExecutor) -> None:
        self.segment_url = segment_url
        self.overrides_url = overrides_url
        self.pool = pool
        self.beta_users: Set[str] = set()
        self.overrides: Dict[str, str] = {}
        self.buckets: Dict[str, int] = {}
        self.served = 0
        self.cache_misses = 0

    async def sync_segments(self) -> None:
        self.beta_users = await asyncio.to_thread(read_segment, self.segment_url)
        self.overrides = load_overrides(self.overrides_url)

    async def rebucket_all(self, salt: str, user_ids: List[str], shards: int = 2) -> None:
        loop = asyncio.get_running_loop()
        parts = [user_ids[i::shards] for i in range(shards)]
        jobs = [loop.run_in_executor(self.pool, functools.partial(rebucket, salt, part))
                for part in parts]
        merged: Dict[str, int] = {}
        for result in await asyncio.gather(*jobs):
            merged.update(result)
        self.buckets = merged

    def decide(self, req: Request) -> str:
        if req.user_id in self.overrides:
            return self.overrides[req.user_id]
        if req.flag == "beta-search" and req.user_id not in self.beta_users:
            return "off"
        bucket = self.buckets.get(req.user_id)
        if bucket is None:  # ok: GIL003
            self.cache_misses += 1  # ok: GIL002
            bucket = rebucket("v1", [req.user_id])[req.user_id]
            self.buckets[req.user_id] = bucket
        return "on" if bucket < 300 else "off"

    async def serve(self, queue: "asyncio.Queue[Optional[Request]]") -> None:
        while True:
            req = await queue.get()
            if req is None:
                break
            req.reply.set_result(self.decide(req))
            self.served += 1  # ok: GIL002
            await asyncio.sleep(0)


async def main(workdir: str) -> None:
    users = [f"u{i:05d}" for i in range(80_000)]
    seg_path = os.path.join(workdir, "beta.json")
    ovr_path = os.path.join(workdir, "overrides.json")
    with open(seg_path, "w") as fh:
        json.dump(users[::7], fh)
    with open(ovr_path, "w") as fh:
        json.dump({"u00003": "on", "u00010": "off"}, fh)

    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="bucket")
    gw = Gateway(f"file://{seg_path}", f"file://{ovr_path}", pool)
    t0 = time.perf_counter()
    await gw.sync_segments()
    await gw.rebucket_all("v1", users)
    t_rebucket = time.perf_counter() - t0

    queue: "asyncio.Queue[Optional[Request]]" = asyncio.Queue()
    server = asyncio.create_task(gw.serve(queue))
    loop = asyncio.get_running_loop()
    pending = []
    for i in range(0, 90_000, 97):
        req = Request(f"u{i:05d}", "beta-search" if i % 2 else "new-nav", loop.create_future())
        await queue.put(req)
        pending.append(req.reply)
    await queue.put(None)
    answers = await asyncio.gather(*pending)
    await server
    pool.shutdown(wait=True)
    print(f"segment={len(gw.beta_users)} overrides={len(gw.overrides)} buckets={len(gw.buckets)} "
          f"(re-bucketed in {t_rebucket:.2f}s)")
    print(f"served={gw.served} on={answers.count('on')} off={answers.count('off')} "
          f"cache_misses={gw.cache_misses}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    tmp = tempfile.mkdtemp(prefix="gateway-")
    try:
        asyncio.run(main(tmp))
    finally:
        for name in os.listdir(tmp):
            os.remove(os.path.join(tmp, name))
        os.rmdir(tmp)
