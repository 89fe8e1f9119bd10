"""Herd census on the trail.

Every section of the herd is counted on its own thread: the ear tags stream
through a generator pipeline (read -> cull sick -> decode brand), each counter
posts its tally into a shared herd book and claims the strays it spotted.
"""
from __future__ import annotations

import itertools
import logging
import threading
import time
from dataclasses import dataclass
from typing import Callable, Dict, Iterator, List

log = logging.getLogger("drover.census")

CENSUS_CONFIG = {
    "cull_every": 17,
    "foreign_brand": 0,
    "stray_sample": 25,
    "stray_range": 40,
}


@dataclass(frozen=True)
class Section:
    name: str
    size: int
    seed: int


def ear_tags(section: Section) -> Iterator[int]:
    state = section.seed
    for _ in range(section.size):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        yield state


def healthy(tags: Iterator[int], cull_every: int) -> Iterator[int]:
    for tag in tags:
        if tag % cull_every:
            yield tag


def brands(tags: Iterator[int]) -> Iterator[int]:
    for tag in tags:
        yield (tag >> 8) % 5


class LedgerBase:
    def __init__(self, title: str, **kwargs):
        super().__init__(**kwargs)
        self.title = title
        self.entries: List[str] = []

    def note(self, text: str) -> None:
        self.entries.append(text)


class CountingMixin:
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.head_count = 0
        self.sections_in = 0

    def add_section(self, count: int) -> None:
        self.head_count += count  # expect: GIL002


class HerdBook(CountingMixin, LedgerBase):
    def __init__(self, title: str, owner: str):
        super().__init__(title=title)
        self.owner = owner
        self.strays: Dict[int, str] = {}
        self._lock = threading.Lock()

    def claim_stray(self, tag: int, section: str) -> bool:
        if tag not in self.strays:  # expect: GIL003
            self.strays[tag] = section
            return True
        return False

    def close_section(self) -> None:
        with self._lock:
            self.sections_in += 1  # ok: GIL002


def make_progress(lock: threading.Lock) -> Callable[[int], None]:
    reported = 0

    def progress(n: int) -> None:
        nonlocal reported
        with lock:
            reported += n  # ok: GIL002

    progress.value = lambda: reported  # type: ignore[attr-defined]
    return progress


class SectionCounter:
    """Counts one section; the thread target is kept in an attribute."""

    def __init__(self, book: HerdBook, section: Section,
                 progress: Callable[[int], None], **options):
        self.book = book
        self.section = section
        self.progress = progress
        self.options = {**CENSUS_CONFIG, **options}
        self.tally = 0
        self._target: Callable[[], None] = self._count

    def thread(self) -> threading.Thread:
        return threading.Thread(target=self._target, name=f"count-{self.section.name}")

    def _count(self) -> None:
        opts = self.options
        self.tally = sum(1 for b in brands(healthy(ear_tags(self.section), opts["cull_every"])) if b != opts["foreign_brand"])  # expect: GIL001
        self.book.add_section(self.tally)
        self.progress(self.tally)
        sample = [t % opts["stray_range"] for t in itertools.islice(ear_tags(self.section), opts["stray_sample"])]  # ok: GIL001
        claimed = [tag for tag in sample if self.book.claim_stray(tag, self.section.name)]
        self.book.note(f"{self.section.name}: {self.tally} head, {len(claimed)} strays claimed")
        self.book.close_section()


def run_census(sections: List[Section], **options) -> HerdBook:
    book = HerdBook("spring drive", owner="Circle K")
    progress = make_progress(threading.Lock())
    counters = [SectionCounter(book, s, progress, **options) for s in sections]
    threads = [c.thread() for c in counters]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    log.info("census took %.2fs", time.perf_counter() - started)
    book.note(f"progress reported {progress.value()}")  # type: ignore[attr-defined]
    return book


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    sections = [
        Section("point", 120_000, seed=11),
        Section("swing", 140_000, seed=23),
        Section("flank", 110_000, seed=37),
        Section("drag", 90_000, seed=41),
    ]
    book = run_census(sections, cull_every=13)
    for entry in sorted(book.entries):
        print(entry)
    print(f"{book.title} ({book.owner}): {book.head_count} head in {book.sections_in} sections, "
          f"{len(book.strays)} strays")


if __name__ == "__main__":
    main()
