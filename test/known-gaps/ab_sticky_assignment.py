"""Sticky (first-seen) experiment assignment for a feature-flag service.

Unlike hash bucketing, sticky assignment draws a random variant the first
time a user is seen and must return the same one forever after.  Request
handler threads call ``StickyStore.get_or_assign``; a periodic flush writes
new assignments to the durable log.
"""
import logging
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple

log = logging.getLogger("ab.sticky")


@dataclass
class ExposureEvent:
    user_id: str
    variant: str
    at: float = field(default_factory=time.monotonic)


class Guarded:
    """`with Guarded(lock):` — logs slow lock waits, then holds the lock."""

    def __init__(self, lock: threading.Lock, name: str, slow_ms: float = 5.0):
        self.lock = lock
        self.name = name
        self.slow_ms = slow_ms

    def __enter__(self):
        started = time.perf_counter()
        self.lock.acquire()  # ok: GIL005
        waited = (time.perf_counter() - started) * 1e3
        if waited > self.slow_ms:
            log.debug("waited %.1f ms for %s", waited, self.name)
        return self

    def __exit__(self, *exc):
        self.lock.release()
        return False


class TargetingRules:
    def __init__(self, weights: Dict[str, int], rng_seed: int = 7):
        self.weights = weights
        self._rng = random.Random(rng_seed)
        self._rng_lock = threading.Lock()

    def choose(self, user_id: str) -> str:
        time.sleep(0.0005)  # evaluate segment rules against the profile service
        with self._rng_lock:
            return self._rng.choices(list(self.weights), weights=list(self.weights.values()))[0]


class StickyStore:
    def __init__(self, rules: TargetingRules):
        self.rules = rules
        self._assignments: Dict[str, str] = {}
        self._overrides: Dict[str, str] = {}
        self._override_lock = threading.Lock()
        self._pending: List[ExposureEvent] = []
        self._flush_lock = threading.Lock()
        self.flushed: List[ExposureEvent] = []

    def get_or_assign(self, user_id: str) -> str:
        if user_id not in self._assignments:  # expect: GIL003
            self._assignments[user_id] = self.rules.choose(user_id)
        variant = self._assignments[user_id]
        self._pending.append(ExposureEvent(user_id, variant))
        return variant

    def force(self, user_id: str, variant: str) -> str:
        """QA overrides: the first override for a user wins."""
        with Guarded(self._override_lock, "overrides"):
            if user_id not in self._overrides:  # ok: GIL003
                self._overrides[user_id] = variant
            return self._overrides[user_id]

    def flush(self) -> int:
        if not self._flush_lock.acquire(blocking=False):  # ok: GIL005
            return 0
        try:
            batch, self._pending = self._pending, []
            self.flushed.extend(batch)
            return len(batch)
        finally:
            self._flush_lock.release()


class RequestHandlerPool:
    """Starts N handler threads; each runs the handler stored on the pool."""

    def __init__(self, store: StickyStore, handler: Optional[Callable] = None, workers: int = 4):
        self.store = store
        self.workers = workers
        self._handler = handler or self._serve
        self._threads: List[threading.Thread] = []

    def _serve(self, requests: List[Tuple[str, Optional[str]]]) -> None:
        for user_id, override in requests:  # ok: GIL001
            if override:
                self.store.force(user_id, override)
            self.store.get_or_assign(user_id)
            time.sleep(0.0002)

    def run(self, traffic: List[List[Tuple[str, Optional[str]]]]) -> None:
        self._threads = [threading.Thread(target=self._handler, args=(chunk,), name=f"http-{i}")
                         for i, chunk in enumerate(traffic)]
        for t in self._threads:
            t.start()
        for t in self._threads:
            t.join()


def periodic(interval: float, fn: Callable[[], int], stop: threading.Event, counts: List[int]) -> None:
    def tick():
        counts.append(fn())
        if not stop.is_set():
            periodic(interval, fn, stop, counts)
    timer = threading.Timer(interval, tick)
    timer.daemon = True
    timer.start()


def flip_flops(events: List[ExposureEvent]) -> int:
    seen: Dict[str, set] = {}
    for e in events:
        seen.setdefault(e.user_id, set()).add(e.variant)
    return sum(1 for variants in seen.values() if len(variants) > 1)


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    store = StickyStore(TargetingRules({"control": 1, "treatment": 1}))
    users = [f"u{n}" for n in range(60)]
    traffic = [[(u, "treatment" if (i + n) % 17 == 0 else None) for n, u in enumerate(users)] for i in range(4)]
    stop, flush_counts = threading.Event(), []
    periodic(0.01, store.flush, stop, flush_counts)
    RequestHandlerPool(store).run(traffic)
    stop.set()
    time.sleep(0.02)
    store.flush()
    print(f"exposures flushed = {len(store.flushed)} (expected {4 * len(users)})")
    print(f"users with more than one variant = {flip_flops(store.flushed)} (expected 0)")
    print(f"overrides = {len(store._overrides)}, flush batches = {len(flush_counts)}")


if __name__ == "__main__":
    main()
