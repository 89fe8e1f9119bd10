"""Bulk feature-flag evaluation for a nightly audience export.

Flags carry targeting rules and a percentage rollout; users are bucketed by a
stable SHA-1 hash of `flag_key:user_id`, as most flag SDKs do.  The export
splits the user base into segments and evaluates each segment on its own
worker thread; exposures are counted centrally for the experiment report.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Tuple

log = logging.getLogger("flags")

_ctx = threading.local()


@dataclass(frozen=True)
class Rule:
    attribute: str
    op: str
    values: Tuple[Any, ...]
    variant: str

    def matches(self, user: Dict[str, Any]) -> bool:
        value = user.get(self.attribute)
        if self.op == "in":
            return value in self.values
        if self.op == "gte":
            return value is not None and value >= self.values[0]
        if self.op == "endswith":
            return isinstance(value, str) and value.endswith(self.values)
        raise ValueError(f"unknown operator {self.op}")


@dataclass
class Flag:
    key: str
    variants: Tuple[str, ...]
    rollout: Dict[str, int]  # variant -> percentage, sums to 100
    rules: List[Rule] = field(default_factory=list)
    enabled: bool = True


def bucket_of(flag_key: str, user_id: str) -> int:
    """Stable 0..9999 bucket; sha1 of a short string does not release the GIL."""
    digest = hashlib.sha1(f"{flag_key}:{user_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 10_000


class FlagService:
    def __init__(self, flags: List[Flag], overrides: Optional[Dict[str, Dict[str, str]]] = None) -> None:
        self.flags = {f.key: f for f in flags}
        self.overrides = overrides or {}
        self.exposures: Dict[Tuple[str, str], int] = {}
        self._listeners: List[Callable[[str, str, str], None]] = []

    def on_exposure(self, fn: Callable[[str, str, str], None]) -> Callable[[str, str, str], None]:
        self._listeners.append(fn)
        return fn

    def evaluate(self, flag_key: str, user: Dict[str, Any]) -> str:
        flag = self.flags[flag_key]
        uid = user["id"]
        if uid in self.overrides:  # ok: GIL003
            pinned = self.overrides[uid].get(flag_key)
            if pinned is not None:
                return pinned
        if not flag.enabled:
            return flag.variants[0]
        for rule in flag.rules:
            if rule.matches(user):
                return self._record(flag_key, uid, rule.variant)
        point, edge = bucket_of(flag_key, uid), 0
        for variant in flag.variants:
            edge += flag.rollout.get(variant, 0) * 100
            if point < edge:
                return self._record(flag_key, uid, variant)
        return self._record(flag_key, uid, flag.variants[0])

    def _record(self, flag_key: str, uid: str, variant: str) -> str:
        key = (flag_key, variant)
        self.exposures[key] = self.exposures.get(key, 0) + 1  # expect: GIL002
        _ctx.evaluations += 1  # ok: GIL002
        for listener in self._listeners:
            listener(flag_key, uid, variant)
        return variant


def evaluate_segment(service: FlagService, users: List[Dict[str, Any]],
                     flag_keys: List[str], sink: Dict[str, List[str]]) -> None:
    _ctx.evaluations = 0
    started = time.thread_time()
    rows = []
    for user in users:  # expect: GIL001
        assignments = [service.evaluate(k, user) for k in flag_keys]
        rows.append(f"{user['id']}," + ",".join(assignments))
    sink[threading.current_thread().name] = rows
    log.info("%d evaluations in %.0f ms CPU", _ctx.evaluations, (time.thread_time() - started) * 1e3)


def build_users(n: int) -> List[Dict[str, Any]]:
    countries = ("DE", "US", "FR", "BR", "IN", "JP")
    return [{"id": f"u{i:06d}", "country": countries[i % 6], "age_days": (i * 37) % 900,
             "email": f"user{i}@{'corp.example' if i % 50 == 0 else 'mail.example'}"}
            for i in range(n)]


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    flags = [
        Flag("new-checkout", ("off", "on"), {"off": 80, "on": 20},
             rules=[Rule("email", "endswith", ("@corp.example",), "on")]),
        Flag("search-ranker", ("control", "bm25", "neural"), {"control": 50, "bm25": 25, "neural": 25}),
        Flag("loyalty-banner", ("off", "on"), {"off": 50, "on": 50},
             rules=[Rule("country", "in", ("DE", "FR"), "off"), Rule("age_days", "gte", (365,), "on")]),
    ]
    overrides = {"u000007": {"new-checkout": "on"}, "u000042": {"search-ranker": "neural"}}
    service = FlagService(flags, overrides)
    sampled: List[Tuple[str, str, str]] = []

    @service.on_exposure
    def sample_for_audit(flag_key: str, uid: str, variant: str) -> None:
        if uid.endswith("000"):
            sampled.append((flag_key, uid, variant))

    users = build_users(30_000)
    segments = [users[i::3] for i in range(3)]
    keys = [f.key for f in flags]
    sink: Dict[str, List[str]] = {}
    t0 = time.perf_counter()
    workers = [threading.Thread(target=functools.partial(evaluate_segment, service, seg, keys, sink),
                                name=f"segment-{i}")
               for i, seg in enumerate(segments)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    total_rows = sum(len(rows) for rows in sink.values())
    exposures = sum(service.exposures.values())
    print(f"{total_rows} users x {len(keys)} flags in {time.perf_counter() - t0:.2f}s; "
          f"exposures counted={exposures} (expected {total_rows * len(keys) - 2})")
    for (flag, variant), n in sorted(service.exposures.items()):
        print(f"  {flag:15s} {variant:8s} {n}")
    print(f"audit sample: {len(sampled)} rows")


if __name__ == "__main__":
    main()
