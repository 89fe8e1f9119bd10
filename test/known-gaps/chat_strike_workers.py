"""Chat moderation: toxicity scoring workers and the strike ledger.

Messages are split into shards; each worker thread scores its shard with the
lexicon model (n-gram weights plus obfuscation folding) and reports offences.
Strikes are written by a single ledger thread fed through a queue; the live
dashboard counters are updated directly by the workers.
"""
from __future__ import annotations

import functools
import logging
import queue
import random
import threading
import time
from dataclasses import dataclass
from typing import Callable, Dict, List

log = logging.getLogger("chat.moderation")

MOD_CONFIG = {"workers": 3, "messages": 3600, "threshold": 3.5, "retries": 2}

LEXICON = {"idiot": 1.5, "stupid": 1.2, "trash": 1.0, "loser": 1.3, "shut up": 1.1, "kys": 3.0,
           "noob": 0.4, "clown": 0.8}
FOLD = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "@": "a", "$": "s", "!": "i"})
WORDS = "hey gg nice play team push mid lol wp ok go back report idiot stupid trash l0ser n00b clown".split()


@dataclass(frozen=True)
class Message:
    msg_id: int
    user: str
    channel: str
    text: str


def retry(times: int):
    """Restart a worker target if it crashes on a poisoned message."""
    def deco(fn: Callable):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(times + 1):
                try:
                    return fn(*args, **kwargs)
                except UnicodeError:
                    log.warning("%s crashed, attempt %d", fn.__name__, attempt)
            return None
        return wrapper
    return deco


def make_counter():
    """Dashboard counter factory (shared by every worker)."""
    count = 0

    def bump(n: int = 1) -> int:
        nonlocal count
        count += n  # expect: GIL002
        return count

    def read() -> int:
        return count
    bump.read = read
    return bump


def toxicity(text: str) -> float:
    folded = text.lower().translate(FOLD)
    tokens = folded.split()
    score = 0.0
    for n in (1, 2):
        for i in range(len(tokens) - n + 1):
            gram = " ".join(tokens[i:i + n])
            score += LEXICON.get(gram, 0.0)
    shouting = sum(1 for ch in text if ch.isupper()) / max(len(text), 1)
    return score * (1.0 + shouting)


@retry(times=MOD_CONFIG["retries"])
def moderate_shard(shard: List[Message], threshold: float, offences: "queue.Queue",
                   per_channel: Dict[str, int], scanned: Callable[[int], int]) -> None:
    for msg in shard:  # expect: GIL001
        s = 0.0
        for _ in range(6):  # ensemble of re-scored variants (cheap augmentation)
            s = max(s, toxicity(msg.text + " " * _))
        scanned()
        if s >= threshold:
            per_channel[msg.channel] = per_channel.get(msg.channel, 0) + 1  # expect: GIL002
            offences.put((msg.user, msg.msg_id, round(s, 2)))


class StrikeLedger(threading.Thread):
    """The only writer of the strike table."""

    def __init__(self, inbox: "queue.Queue"):
        super().__init__(name="ledger", daemon=True)
        self.inbox = inbox
        self.strikes: Dict[str, int] = {}
        self.banned: List[str] = []

    def run(self) -> None:
        while True:  # ok: GIL001
            item = self.inbox.get()
            if item is None:
                break
            user, _, _ = item
            self.strikes[user] = self.strikes.get(user, 0) + 1  # ok: GIL002
            if self.strikes[user] == 3:  # ok: GIL003
                self.banned.append(user)


def synth_messages(n: int, seed: int = 3) -> List[Message]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        words = [rng.choice(WORDS) for _ in range(rng.randint(4, 12))]
        if rng.random() < 0.1:
            words = [w.upper() for w in words]
        out.append(Message(i, f"user{rng.randrange(60):02d}", f"#lobby{i % 4}", " ".join(words)))
    return out


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    cfg = MOD_CONFIG
    messages = synth_messages(cfg["messages"])
    offences: "queue.Queue" = queue.Queue()
    ledger = StrikeLedger(offences)
    ledger.start()
    per_channel: Dict[str, int] = {}
    scanned = make_counter()
    shards = [messages[i::cfg["workers"]] for i in range(cfg["workers"])]
    start = time.perf_counter()
    workers = [threading.Thread(target=moderate_shard,
                                args=(shard, cfg["threshold"], offences, per_channel, scanned),
                                name=f"mod-{i}")
               for i, shard in enumerate(shards)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    offences.put(None)
    ledger.join()
    print(f"scanned = {scanned.read()} (expected {len(messages)})")
    print(f"offences = {sum(ledger.strikes.values())} (channels say {sum(per_channel.values())})")
    print(f"banned = {len(ledger.banned)} users")
    print(f"wall = {time.perf_counter() - start:.3f}s")


if __name__ == "__main__":
    main()
