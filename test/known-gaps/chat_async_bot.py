"""Async moderation bot for a chat server.

Messages arrive on an asyncio queue.  The bot enforces slow mode, asks the
(blocking) classifier SDK for a verdict through an executor, caches verdicts
in a thread-safe LRU shared with the executor threads, and posts warnings.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Dict, List, Optional

log = logging.getLogger("chat.bot")

BOT_CONFIG = {"messages": 24, "users": 6, "slow_mode": 0.004, "sdk_latency": 0.01,
              "cache_size": 64, "max_len": 500}

BAD = ("idiot", "trash", "loser")


@dataclass
class ChatMessage:
    seq: int
    user: str
    text: str


@dataclass
class BotStats:
    handled: int = 0
    warnings: int = 0
    slowed: int = 0
    posted: List[str] = field(default_factory=list)


class VerdictCache:
    """LRU shared by the executor threads that call the classifier."""

    def __init__(self, size: int, max_len: int):
        self._lock = threading.Lock()
        self._data: "OrderedDict[str, str]" = OrderedDict()
        self.size = size
        self.max_len = max_len

    def get(self, text: str) -> Optional[str]:
        self._lock.acquire()  # expect: GIL005
        if len(text) > self.max_len:
            return "too_long"
        verdict = self._data.get(text)
        if verdict is not None:
            self._data.move_to_end(text)
        self._lock.release()
        return verdict

    def put(self, text: str, verdict: str) -> None:
        self._lock.acquire()  # ok: GIL005
        try:
            self._data[text] = verdict
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        finally:
            self._lock.release()


class ClassifierSDK:
    """Vendor client; every call is a blocking HTTPS round trip."""

    def __init__(self, latency: float):
        self.latency = latency

    def classify(self, text: str) -> str:
        time.sleep(self.latency)  # ok: GIL004
        return "toxic" if any(w in text for w in BAD) else "clean"


def cached_classify(cache: VerdictCache, sdk: ClassifierSDK, text: str) -> str:
    verdict = cache.get(text)
    if verdict is None:
        verdict = sdk.classify(text)
        cache.put(text, verdict)
    return verdict


class ModerationBot:
    def __init__(self, cfg: dict):
        self.cfg = cfg
        self.sdk = ClassifierSDK(cfg["sdk_latency"])
        self.cache = VerdictCache(cfg["cache_size"], cfg["max_len"])
        self.executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="sdk")
        self.last_seen: Dict[str, float] = {}
        self.stats = BotStats()

    async def enforce_slow_mode(self, user: str) -> None:
        last = self.last_seen.get(user)
        now = time.monotonic()
        if last is not None and now - last < self.cfg["slow_mode"]:
            self.stats.slowed += 1
            time.sleep(self.cfg["slow_mode"] - (now - last))  # expect: GIL004
        self.last_seen[user] = time.monotonic()

    async def post(self, channel_text: str) -> None:
        await asyncio.sleep(0.001)  # ok: GIL004
        self.stats.posted.append(channel_text)

    async def handle(self, msg: ChatMessage) -> None:
        await self.enforce_slow_mode(msg.user)
        loop = asyncio.get_running_loop()
        call = functools.partial(cached_classify, self.cache, self.sdk, msg.text)
        verdict = await loop.run_in_executor(self.executor, call)
        if verdict == "toxic":
            self.stats.warnings += 1
            await self.post(f"@{msg.user} please keep it civil (msg {msg.seq})")
        self.stats.handled += 1  # ok: GIL002

    async def consume(self, inbox: "asyncio.Queue") -> None:
        while True:
            msg = await inbox.get()
            try:
                if msg is None:
                    return
                await self.handle(msg)
            finally:
                inbox.task_done()

    async def heartbeat(self, stop: asyncio.Event) -> int:
        beats = 0
        while not stop.is_set():
            await asyncio.to_thread(time.sleep, 0.005)  # ok: GIL004
            beats += 1
        return beats


async def run_bot(cfg: dict) -> BotStats:
    bot = ModerationBot(cfg)
    inbox: "asyncio.Queue" = asyncio.Queue()
    stop = asyncio.Event()
    consumers = [asyncio.create_task(bot.consume(inbox)) for _ in range(3)]
    beat = asyncio.create_task(bot.heartbeat(stop))
    phrases = ["gg wp", "you idiot", "nice shot", "trash team", "push mid", "ok loser"]
    for i in range(cfg["messages"]):
        await inbox.put(ChatMessage(i, f"user{i % cfg['users']}", phrases[i % len(phrases)]))
    for _ in consumers:
        await inbox.put(None)
    await asyncio.gather(*consumers)
    stop.set()
    log.info("heartbeats: %d", await beat)
    bot.executor.shutdown(wait=True)
    return bot.stats


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    start = time.perf_counter()
    stats = asyncio.run(run_bot(BOT_CONFIG))
    print(f"handled = {stats.handled} (expected {BOT_CONFIG['messages']})")
    print(f"warnings = {stats.warnings}, posted = {len(stats.posted)}, slowed = {stats.slowed}")
    print(f"wall = {time.perf_counter() - start:.3f}s")


if __name__ == "__main__":
    main()
