"""Libretto/translation aligner used to prepare a surtitle cue file.

For each act a background job aligns the libretto lines with the translator's
lines (edit distance on normalised text); an index writer thread waits for all
acts and writes one JSON index per act for the cueing desk.
"""
from __future__ import annotations

import json
import logging
import os
import random
import tempfile
import threading
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, Iterator, List, Tuple

log = logging.getLogger("surtitles.indexer")

WORDS = ("amor", "notte", "stella", "cuore", "pieta", "morte", "vendetta", "luna",
         "addio", "speranza", "sogno", "fiore", "gelosia", "destino", "pianto")
JOB_CONFIG = {"acts": 3, "lines_per_act": 24, "words_per_line": 4, "seed": 1853}


def tokens(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        yield " ".join(w.strip(".,;!?").lower() for w in line.split())


def levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@dataclass
class AlignmentStore:
    by_act: Dict[int, List[Tuple[int, int, int]]] = field(default_factory=dict)
    done_acts: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    progress: threading.Condition = field(default_factory=threading.Condition)

    def put(self, act: int, pairs: List[Tuple[int, int, int]]) -> None:
        self.lock.acquire()  # expect: GIL005
        if not pairs:
            raise ValueError(f"act {act} produced no alignment")
        self.by_act[act] = pairs
        self.lock.release()
        with self.progress:
            self.done_acts += 1  # ok: GIL002
            self.progress.notify_all()

    def wait_all(self, n: int) -> None:
        with self.progress:
            while self.done_acts < n:
                self.progress.wait()


def align_act(act: int, source: List[str], target: List[str], store: AlignmentStore) -> None:
    src = list(tokens(source))
    tgt = list(tokens(target))
    pairs: List[Tuple[int, int, int]] = []
    for i, s in enumerate(src):  # expect: GIL001
        best_j, best_d = -1, 1 << 30
        for j, t in enumerate(tgt):
            d = levenshtein(s, t)
            if d < best_d:
                best_j, best_d = j, d
        pairs.append((i, best_j, best_d))
    store.put(act, pairs)
    log.info("act %d aligned: %d lines", act, len(pairs))


def write_index(store: AlignmentStore, outdir: str, n_acts: int) -> None:
    store.wait_all(n_acts)
    for act, pairs in sorted(store.by_act.items()):  # ok: GIL001
        path = os.path.join(outdir, f"act{act}.json")
        with open(path, "w", encoding="utf-8") as fh:
            json.dump({"act": act, "cues": pairs}, fh)


class Dispatcher:
    """Keeps (name, callable, kwargs) jobs and starts each in its own thread."""

    def __init__(self):
        self._jobs: List[Tuple[str, Callable[..., None], dict]] = []
        self.threads: List[threading.Thread] = []

    def add(self, name: str, fn: Callable[..., None], **kwargs) -> None:
        self._jobs.append((name, fn, kwargs))

    @staticmethod
    def _trampoline(fn: Callable[..., None], **kwargs) -> None:
        try:
            fn(**kwargs)
        except Exception:
            log.exception("job %s failed", getattr(fn, "__name__", fn))

    def launch(self) -> None:
        for name, fn, kwargs in self._jobs:
            t = threading.Thread(target=self._trampoline, args=(fn,), kwargs=kwargs, name=name)
            self.threads.append(t)
            t.start()

    def join(self) -> None:
        for t in self.threads:
            t.join()


def synth_libretto(rng: random.Random, lines: int, words: int) -> Tuple[List[str], List[str]]:
    source, target = [], []
    for _ in range(lines):
        line = [rng.choice(WORDS) for _ in range(words)]
        source.append(" ".join(line).capitalize() + ",")
        if rng.random() < 0.5:
            line[rng.randrange(words)] = rng.choice(WORDS)
        target.append(" ".join(line))
    rng.shuffle(target)
    return source, target


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    rng = random.Random(JOB_CONFIG["seed"])
    store = AlignmentStore()
    dispatcher = Dispatcher()
    with tempfile.TemporaryDirectory(prefix="libretto-") as outdir:
        for act in range(1, JOB_CONFIG["acts"] + 1):
            source, target = synth_libretto(rng, JOB_CONFIG["lines_per_act"], JOB_CONFIG["words_per_line"])
            dispatcher.add(f"align-act{act}", align_act, act=act, source=source, target=target, store=store)
        dispatcher.add("index-writer", write_index, store=store, outdir=outdir, n_acts=JOB_CONFIG["acts"])
        dispatcher.launch()
        dispatcher.join()
        files = sorted(os.listdir(outdir))
        exact = sum(1 for pairs in store.by_act.values() for _, _, d in pairs if d == 0)
        print(f"index files={files} exact matches={exact}")


if __name__ == "__main__":
    main()
