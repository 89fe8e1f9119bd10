"""Rubricator's folio pipeline.

Scribe threads take batches of folios, find the rubric markers ("<<r:...>>") through a
generator pipeline, and rewrite each folio with the rubric text in red-letter spans.
Progress is reported through a small callback registry.
"""
from __future__ import annotations

import logging
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

log = logging.getLogger("rubricator.pipeline")

MARKER = re.compile(r"<<r:([^>]+)>>")
SETTINGS = {"scribes": 3, "folios": 90, "words_per_folio": 4000, "style": "vermilion"}


class EventBus:
    def __init__(self) -> None:
        self._handlers: dict[str, list[Callable[..., None]]] = defaultdict(list)

    def on(self, event: str):
        def register(fn):
            self._handlers[event].append(fn)
            return fn

        return register

    def emit(self, event: str, **payload) -> None:
        for handler in self._handlers[event]:
            handler(**payload)


bus = EventBus()
progress: dict[str, int] = {"folios": 0, "rubrics": 0}
progress_lock = threading.Lock()


@bus.on("folio_done")
def _count_rubrics(folio_id: int, rubrics: int, **_ignored) -> None:
    progress["rubrics"] = progress.get("rubrics", 0) + rubrics  # expect: GIL002


@bus.on("folio_done")
def _count_folios(folio_id: int, **_ignored) -> None:
    with progress_lock:
        progress["folios"] += 1  # ok: GIL002


@dataclass
class Folio:
    index: int
    text: str
    rubricated: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)


def read_folios(texts: Iterable[tuple[int, str]]) -> Iterator[Folio]:
    for index, text in texts:
        yield Folio(index, text)


def find_markers(folios: Iterable[Folio]) -> Iterator[tuple[Folio, list[re.Match]]]:
    for folio in folios:
        yield folio, list(MARKER.finditer(folio.text))


class Scribe:
    """Owns one worker thread; the thread target is kept on the instance."""

    def __init__(self, name: str, batch: list[tuple[int, str]], style: str) -> None:
        self.name = name
        self.batch = batch
        self.style = style
        self.done: list[Folio] = []
        self._target = self._work
        self._thread = threading.Thread(target=self._target, name=name)

    def _work(self) -> None:
        seen: set[int] = set()
        open_tag, close_tag = f"[{self.style}]", f"[/{self.style}]"
        for folio, matches in find_markers(read_folios(self.batch)):  # expect: GIL001
            if folio.index in seen:  # ok: GIL003
                continue
            seen.add(folio.index)
            out: list[str] = []
            pos = 0
            for m in matches:
                out.append(folio.text[pos:m.start()])
                rubric = m.group(1)
                lettered = "".join(ch.upper() if i == 0 else ch for i, ch in enumerate(rubric))
                out.append(open_tag + lettered + close_tag)
                folio.spans.append((m.start(), m.end()))
                pos = m.end()
            out.append(folio.text[pos:])
            body = "".join(out)
            # count the words of the rewritten folio character by character
            words, in_word = 0, False
            for ch in body:
                if ch.isalpha():
                    if not in_word:
                        words += 1
                    in_word = True
                else:
                    in_word = False
            folio.rubricated = body
            self.done.append(folio)
            bus.emit("folio_done", folio_id=folio.index, rubrics=len(matches), words=words)

    def start(self) -> "Scribe":
        self._thread.start()
        return self

    def join(self) -> None:
        self._thread.join()


def compose_text(index: int, words: int) -> str:
    vocab = ("incipit", "liber", "psalmorum", "dominus", "explicit", "gloria", "amen")
    parts = []
    for w in range(words):
        if w % 60 == 0:
            parts.append(f"<<r:capitulum {index}.{w // 60}>>")
        parts.append(vocab[(index + w) % len(vocab)])
    return " ".join(parts)


def split_batches(items: list, n: int) -> list[list]:
    return [items[i::n] for i in range(n)]


def main() -> int:
    logging.basicConfig(level=logging.WARNING)
    cfg = dict(SETTINGS)
    texts = [(i, compose_text(i, cfg["words_per_folio"])) for i in range(cfg["folios"])]
    start = time.perf_counter()
    scribes = [Scribe(f"scribe-{n}", batch, cfg["style"]).start()
               for n, batch in enumerate(split_batches(texts, cfg["scribes"]))]
    for scribe in scribes:
        scribe.join()
    elapsed = time.perf_counter() - start
    total = sum(len(s.done) for s in scribes)
    sample = scribes[0].done[0].rubricated[:60]
    print(f"rubricated {total} folios, progress={progress} in {elapsed:.2f}s")
    print(f"sample: {sample}...")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
