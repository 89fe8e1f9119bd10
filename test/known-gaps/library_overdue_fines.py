"""Nightly overdue-fines run for a library consortium.

1. Loan records stream out of the circulation export (a generator pipeline).
2. Shards of records are assessed in a thread pool: days overdue, grace period,
   per-material daily rate, caps and amnesty rules.
3. Patrons with a new fine get a notice e-mail through a small pool of sender
   threads fed by a queue.
"""
from __future__ import annotations

import datetime as dt
import functools
import logging
import queue
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("fines")

RATES = {"book": 25, "dvd": 100, "magazine": 10, "laptop": 500}
CAPS = {"book": 1000, "dvd": 2000, "magazine": 300, "laptop": 10000}
AMNESTY_BRANCHES = frozenset({"Eastside"})

notices_sent = 0
already_notified: set[str] = set()


class TransientSmtpError(Exception):
    pass


@dataclass(frozen=True)
class LoanRecord:
    patron: str
    branch: str
    material: str
    due: dt.date
    returned: dt.date | None


@dataclass
class ShardResult:
    assessed: int = 0
    by_branch: dict[str, int] = field(default_factory=dict)
    fined_patrons: dict[str, int] = field(default_factory=dict)


@dataclass
class FinePolicy:
    as_of: dt.date
    grace_days: int = 3

    def days_overdue(self, rec: LoanRecord) -> int:
        end = rec.returned or self.as_of
        return max(0, (end - rec.due).days - self.grace_days)

    def fine_for(self, rec: LoanRecord, days: int) -> int:
        if rec.branch in AMNESTY_BRANCHES or days == 0:
            return 0
        weekdays = sum(1 for k in range(days) if (rec.due + dt.timedelta(days=k)).weekday() < 6)
        return min(weekdays * RATES[rec.material], CAPS[rec.material])


def timed(label: str):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                log.debug("%s took %.1f ms", label, (time.perf_counter() - t0) * 1e3)
        return wrapper
    return decorate


def retry(times: int = 3, delay: float = 0.002):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(1, times + 1):
                try:
                    return fn(*args, **kwargs)
                except TransientSmtpError:
                    log.warning("attempt %d of %s failed", attempt, fn.__name__)
                    time.sleep(delay * attempt)
            raise TransientSmtpError(fn.__name__)
        return wrapper
    return decorate


@timed("assess-shard")
def assess_shard(shard: list[LoanRecord], policy: FinePolicy) -> ShardResult:
    result = ShardResult()
    for rec in shard:  # expect: GIL001
        days = policy.days_overdue(rec)
        fine = policy.fine_for(rec, days)
        result.assessed += 1
        if fine:
            result.by_branch[rec.branch] = result.by_branch.get(rec.branch, 0) + fine  # ok: GIL002
            result.fined_patrons[rec.patron] = result.fined_patrons.get(rec.patron, 0) + fine
    return result


def circulation_export(n: int, seed: int, as_of: dt.date):
    rng = random.Random(seed)
    branches = ["Central", "Eastside", "Harbor", "Hillcrest"]
    materials = list(RATES)
    for i in range(n):
        due = as_of - dt.timedelta(days=rng.randint(-10, 40))
        returned = None if rng.random() < 0.6 else due + dt.timedelta(days=rng.randint(-5, 20))
        yield LoanRecord(f"P{i % 9000:05d}", rng.choice(branches), rng.choice(materials), due, returned)


def sharded(records, size: int):
    shard = []
    for rec in records:
        shard.append(rec)
        if len(shard) == size:
            yield shard
            shard = []
    if shard:
        yield shard


@retry(times=3)
def send_notice(patron: str, amount: int, outbox: list) -> None:
    time.sleep(0.002)
    outbox.append(f"To: {patron}: you owe ${amount / 100:.2f}")


def notice_sender(jobs: "queue.Queue[tuple[str, int] | None]", outbox: list) -> None:
    global notices_sent
    while True:  # ok: GIL001
        job = jobs.get()
        if job is None:
            break
        patron, amount = job
        if patron not in already_notified:  # expect: GIL003
            send_notice(patron, amount, outbox)
            already_notified.add(patron)
            notices_sent += 1  # expect: GIL002


def run_nightly(n_records: int = 24_000, workers: int = 4) -> None:
    policy = FinePolicy(as_of=dt.date(2024, 3, 15))
    shards = list(sharded(circulation_export(n_records, 7, policy.as_of), n_records // workers))
    executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="assess")
    try:
        results = list(executor.map(functools.partial(assess_shard, policy=policy), shards))
    finally:
        executor.shutdown(wait=True)

    totals: dict[str, int] = {}
    owed: dict[str, int] = {}
    for res in results:
        for branch, amount in res.by_branch.items():
            totals[branch] = totals.get(branch, 0) + amount  # ok: GIL002
        for patron, amount in res.fined_patrons.items():
            owed[patron] = owed.get(patron, 0) + amount

    jobs: "queue.Queue[tuple[str, int] | None]" = queue.Queue()
    outbox: list[str] = []
    senders = [threading.Thread(target=notice_sender, args=(jobs, outbox), name=f"smtp-{i}")
               for i in range(3)]
    for t in senders:
        t.start()
    for patron, amount in sorted(owed.items(), key=lambda kv: -kv[1])[:90]:
        jobs.put((patron, amount))
        jobs.put((patron, amount))
    for _ in senders:
        jobs.put(None)
    for t in senders:
        t.join()

    print(f"assessed {sum(r.assessed for r in results)} loans in {len(shards)} shards")
    print("fines by branch:", {b: f"${c / 100:,.2f}" for b, c in sorted(totals.items())})
    print(f"notices sent={notices_sent} outbox={len(outbox)} distinct patrons={len(already_notified)}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    run_nightly()
