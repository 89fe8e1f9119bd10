"""Compositor's chapel: set several galleys of copy into justified lines at once.

Each galley is a job submitted to a thread pool; the line breaker chooses breaks that
minimise the total cubed slack over the paragraph (a small Knuth-Plass).
"""
from __future__ import annotations

import functools
import logging
import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("compositor.justify")

CHAPEL = {
    "measure": 64,
    "lines_per_page": 40,
    # the leader comes back as a late edition while the first setting is still on the stone
    "galleys": [("leader", 30_000), ("court news", 25_000), ("shipping", 20_000), ("leader", 9_000)],
    "hands": 3,
}

VOCAB = ("the quick brown fox jumps over lazy dog compositor stick forme chase quoin "
         "galley proof leading em en hairline spacing justify measure sort case").split()


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        result = fn(*args, **kwargs)
        log.debug("%s: %.1f ms", fn.__name__, (time.perf_counter() - start) * 1000)
        return result
    return wrapper


@dataclass
class GalleyJob:
    name: str
    words: list
    measure: int

    @property
    def pages_hint(self) -> int:
        return max(1, len(self.words) // 400)


@dataclass
class SetGalley:
    name: str
    lines: list = field(default_factory=list)
    badness: float = 0.0


def justify(line: str, measure: int) -> str:
    words = line.split()
    if len(words) == 1:
        return line.ljust(measure)
    gaps = len(words) - 1
    spaces = measure - sum(len(w) for w in words)
    base, extra = divmod(spaces, gaps)
    out = []
    for i, word in enumerate(words[:-1]):
        out.append(word + " " * (base + (1 if i < extra else 0)))
    return "".join(out) + words[-1]


@timed
def set_galley(words: list, measure: int) -> tuple[list, float]:
    n = len(words)
    widths = [len(w) for w in words]
    best = [0.0] + [math.inf] * n
    back = [0] * (n + 1)
    for j in range(1, n + 1):  # expect: GIL001
        width = -1
        for i in range(j, 0, -1):
            width += widths[i - 1] + 1
            if width > measure:
                break
            slack = measure - width
            cost = best[i - 1] + (slack ** 3 if j < n else 0)
            if cost < best[j]:
                best[j] = cost
                back[j] = i - 1
    lines = []
    j = n
    while j > 0:
        i = back[j]
        lines.append(justify(" ".join(words[i:j]), measure))
        j = i
    lines.reverse()
    return lines, best[n]


class Chapel:
    """The composing room: hands take galleys and the overseer keeps the counts."""

    def __init__(self, lines_per_page: int):
        self.lines_per_page = lines_per_page
        self.lines_set = 0
        self.pages: dict[str, int] = {}
        self.proofs: dict[str, list] = {}
        self._stats_lock = threading.Lock()

    def _run_job(self, job: GalleyJob) -> SetGalley:
        lines, badness = set_galley(job.words, job.measure)
        self.lines_set += len(lines)  # expect: GIL002
        for start in range(0, len(lines), self.lines_per_page):
            with self._stats_lock:
                self.pages[job.name] = self.pages.get(job.name, 0) + 1  # ok: GIL002
        if job.name not in self.proofs:  # expect: GIL003
            self.proofs[job.name] = []
        self.proofs[job.name].append(lines[0])
        return SetGalley(job.name, lines, badness)

    def set_all(self, jobs: list, hands: int) -> list:
        with ThreadPoolExecutor(max_workers=hands, thread_name_prefix="hand") as pool:
            futures = [pool.submit(self._run_job, job) for job in jobs]
            return [f.result() for f in futures]


def make_copy(n_words: int, seed: int) -> list:
    words = []
    state = seed
    for _ in range(n_words):
        state = (state * 48271) % 2147483647
        words.append(VOCAB[state % len(VOCAB)])
    return words


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    cfg = CHAPEL
    jobs = [GalleyJob(name, make_copy(count, seed=i + 7), cfg["measure"])
            for i, (name, count) in enumerate(cfg["galleys"])]
    chapel = Chapel(cfg["lines_per_page"])
    started = time.perf_counter()
    galleys = chapel.set_all(jobs, cfg["hands"])
    for galley in galleys:
        print(f"{galley.name:11s} {len(galley.lines):4d} lines, badness {galley.badness:,.0f}")
        print(f"    | {galley.lines[0]} |")
    print(f"lines set: {chapel.lines_set}; pages: {dict(sorted(chapel.pages.items()))}")
    print(f"proofs pulled for {len(chapel.proofs)} galleys in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
