"""Match bank statement lines to ledger entries (fuzzy reference matching).

The bank file is split into slices and each slice is matched by a matcher
thread. Ledger entries are bucketed by amount once, in the main thread, and the
buckets are then only read. Bank references are mangled by intermediaries
(truncated, re-cased, digits transposed), so candidates in the same amount
bucket are ranked by edit distance.
"""
from __future__ import annotations

import logging
import random
import string
import threading
import time
from collections import defaultdict
from dataclasses import dataclass

log = logging.getLogger("matcher")

_scratch = threading.local()


@dataclass(frozen=True)
class LedgerEntry:
    entry_id: int
    reference: str
    amount_cents: int


@dataclass(frozen=True)
class BankLine:
    line_no: int
    reference: str
    amount_cents: int


class MatchStats:
    """Shared by every matcher thread."""

    def __init__(self) -> None:
        self.matched = 0
        self.unmatched = 0
        self.lock = threading.Lock()

    def __repr__(self) -> str:
        return f"MatchStats(matched={self.matched}, unmatched={self.unmatched})"


def edit_distance(a: str, b: str) -> int:
    _scratch.comparisons = getattr(_scratch, "comparisons", 0) + 1  # ok: GIL002
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


class BaseMatcher(threading.Thread):
    max_distance = 4

    def __init__(self, lines, buckets, stats: MatchStats, **kwargs):
        super().__init__(**kwargs)
        self.lines = lines
        self.buckets = buckets
        self.stats = stats
        self.matches: dict[int, int] = {}
        self.comparisons = 0

    def candidates(self, line: BankLine):
        return self.buckets.get(line.amount_cents, ())

    def best_candidate(self, line: BankLine):
        raise NotImplementedError

    def match_all(self) -> None:
        for line in self.lines:  # expect: GIL001
            entry = self.best_candidate(line)
            if entry is not None:
                self.matches[line.line_no] = entry.entry_id
                self.stats.matched += 1  # expect: GIL002
            else:
                with self.stats.lock:
                    self.stats.unmatched += 1  # ok: GIL002

    def run(self) -> None:
        started = time.perf_counter()
        self.match_all()
        self.comparisons = getattr(_scratch, "comparisons", 0)
        log.debug("%s: %d lines in %.1f ms", self.name, len(self.lines),
                  (time.perf_counter() - started) * 1e3)


class FuzzyMatcher(BaseMatcher):
    def normalise(self, ref: str) -> str:
        return "".join(ch for ch in ref.upper() if ch.isalnum())

    def best_candidate(self, line: BankLine):
        wanted = self.normalise(line.reference)
        best, best_d = None, self.max_distance + 1
        for entry in self.candidates(line):
            d = edit_distance(wanted, self.normalise(entry.reference))
            if d < best_d:
                best, best_d = entry, d
        return best

    def run(self) -> None:
        _scratch.comparisons = 0
        super().run()


def mangle(ref: str, rng: random.Random) -> str:
    chars = list(ref)
    roll = rng.random()
    if roll < 0.3 and len(chars) > 4:
        i = rng.randrange(len(chars) - 1)
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    elif roll < 0.5:
        chars = chars[: len(chars) - 2]
    elif roll < 0.6:
        chars = list("UNKNOWN-" + "".join(rng.choices(string.digits, k=6)))
    return "".join(chars).lower()


def synthesise(n: int, seed: int = 11):
    rng = random.Random(seed)
    ledger = [LedgerEntry(i, f"INV-{rng.randrange(10**8):08d}-{rng.choice('ABCDEFGH')}",
                          rng.choice([1999, 2500, 4999, 12000, 7450]) * (1 + i % 3))
              for i in range(n)]
    bank = [BankLine(i, mangle(e.reference, rng), e.amount_cents) for i, e in enumerate(ledger)]
    rng.shuffle(bank)
    return ledger, bank


def bucket_by_amount(ledger):
    buckets = defaultdict(list)
    for entry in ledger:
        buckets[entry.amount_cents].append(entry)
    return dict(buckets)


def reconcile(n_entries: int, n_threads: int, matcher_cls=FuzzyMatcher, **matcher_kwargs):
    ledger, bank = synthesise(n_entries)
    buckets = bucket_by_amount(ledger)
    stats = MatchStats()
    slices = [bank[i::n_threads] for i in range(n_threads)]
    matchers = [matcher_cls(s, buckets, stats, name=f"match-{i}", **matcher_kwargs)
                for i, s in enumerate(slices)]
    for m in matchers:
        m.start()
    for m in matchers:
        m.join()
    merged: dict[int, int] = {}
    for m in matchers:
        merged.update(m.matches)
    return stats, merged, sum(m.comparisons for m in matchers)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    t0 = time.perf_counter()
    stats, matches, comparisons = reconcile(420, 3, daemon=True)
    print(f"{stats} after {comparisons} comparisons in {time.perf_counter() - t0:.2f}s")
    print(f"total = {stats.matched + stats.unmatched} (expected 420)")
