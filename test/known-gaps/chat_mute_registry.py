"""Chat mute registry with pluggable escalation handlers.

Report handlers (one thread per reporting source: user reports, keyword
filter, spam detector) call `MuteRegistry.mute()`.  Registered handlers are
notified on every new mute; a Timer lifts each mute when it expires.  The spam
detector compares recent messages by word shingles.
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass
from typing import Callable, Dict, List, Set

log = logging.getLogger("chat.mutes")

MUTE_CONFIG = {"users": 30, "reports_per_source": 60, "mute_seconds": 0.03, "report_gap": 0.0005,
               "spam_window": 300}

_local = threading.local()


@dataclass
class Mute:
    user: str
    reason: str
    until: float


class MuteRegistry:
    def __init__(self, duration: float):
        self.duration = duration
        self._muted: Dict[str, Mute] = {}
        self._handlers: List[Callable[[Mute], None]] = []
        self._lock = threading.Lock()
        self._timers: "queue.Queue[threading.Timer]" = queue.Queue()
        self.notifications = 0
        self.lifted = 0

    def on_mute(self, handler: Callable[[Mute], None]) -> Callable[[Mute], None]:
        self._handlers.append(handler)
        return handler

    def _notify(self, mute: Mute) -> None:
        for handler in self._handlers:
            handler(mute)
        self.notifications += 1  # expect: GIL002

    def mute(self, user: str, reason: str) -> bool:
        if user not in self._muted:  # expect: GIL003
            mute = Mute(user, reason, time.monotonic() + self.duration)
            self._muted[user] = mute
            self._notify(mute)
            timer = threading.Timer(self.duration, self.unmute, args=(user,))
            timer.daemon = True
            timer.start()
            self._timers.put(timer)
            return True
        return False

    def unmute(self, user: str) -> None:
        if not self._lock.acquire(timeout=0.5):  # ok: GIL005
            log.error("could not lift mute for %s", user)
            return
        try:
            if self._muted.pop(user, None) is not None:
                self.lifted += 1  # ok: GIL002
        finally:
            self._lock.release()

    def drain_timers(self) -> int:
        n = 0
        while not self._timers.empty():
            self._timers.get_nowait().join()
            n += 1
        return n


def buffer_event(text: str) -> None:
    """Per-thread audit buffer; flushed by each source at the end."""
    if not hasattr(_local, "events"):  # ok: GIL003
        _local.events = []
        _local.count = 0
    _local.events.append(text)
    _local.count += 1  # ok: GIL002


def shingles(text: str, k: int = 3) -> Set[str]:
    words = text.split()
    return {" ".join(words[i:i + k]) for i in range(max(len(words) - k + 1, 1))}


def spam_detector(registry: MuteRegistry, messages: List[tuple], flushed: "queue.Queue") -> None:
    sets = [(user, shingles(text)) for user, text in messages]
    for i, (user, mine) in enumerate(sets):  # expect: GIL001
        dupes = 0
        for j in range(i):
            other_user, theirs = sets[j]
            if other_user != user and len(mine & theirs) * 2 > len(mine | theirs):
                dupes += 1
        if dupes > 25:
            buffer_event(f"spam {user}")
            registry.mute(user, "copy-paste spam")
    flushed.put(("spam", list(_local.events) if hasattr(_local, "events") else []))


def report_source(name: str, registry: MuteRegistry, users: List[str], gap: float,
                  flushed: "queue.Queue") -> None:
    for i, user in enumerate(users):  # ok: GIL001
        time.sleep(gap)
        buffer_event(f"{name} {user}")
        registry.mute(user, f"{name} report #{i}")
    flushed.put((name, list(_local.events)))


def spawn(target: Callable, *args, **kwargs) -> threading.Thread:
    t = threading.Thread(target=target, args=args, kwargs=kwargs, name=kwargs.get("name", target.__name__))
    t.start()
    return t


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    cfg = MUTE_CONFIG
    registry = MuteRegistry(cfg["mute_seconds"])
    escalations: List[str] = []

    @registry.on_mute
    def page_moderator(mute: Mute) -> None:
        escalations.append(f"{mute.user}: {mute.reason}")

    users = [f"user{i:02d}" for i in range(cfg["users"])]
    spam = [(users[i % cfg["users"]], "buy cheap gold now at goldshop dot example use code" if i % 3
             else f"anyone up for ranked match number {i} tonight") for i in range(cfg["spam_window"])]
    flushed: "queue.Queue" = queue.Queue()
    start = time.perf_counter()
    threads = [spawn(report_source, src, registry, (users * 2)[:cfg["reports_per_source"]],
                     cfg["report_gap"], flushed) for src in ("user-reports", "keyword-filter")]
    threads.append(spawn(spam_detector, registry, spam, flushed))
    for t in threads:
        t.join()
    timers = registry.drain_timers()
    audit = dict(flushed.get() for _ in threads)
    print(f"mutes issued = {timers}, notifications = {registry.notifications} (expected {timers})")
    print(f"lifted = {registry.lifted}, escalations = {len(escalations)}")
    print(f"audit events = {sorted((k, len(v)) for k, v in audit.items())}")
    print(f"wall = {time.perf_counter() - start:.3f}s")


if __name__ == "__main__":
    main()
