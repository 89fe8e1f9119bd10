"""Scrivener's concordance: index every word of a set of volumes.

Each volume is streamed through a generator pipeline (lines -> tokens ->
stems) by a pool worker; counts go into a module-wide concordance and the
first occurrence of every stem is kept per indexer.
"""
import logging
import pathlib
import random
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial

log = logging.getLogger("scrivener.index")

INDEX_CONFIG = {
    "volumes": 4,
    "lines_per_volume": 2400,
    "words_per_line": 12,
    "workers": 2,
    "suffixes": ("ing", "eth", "ed", "es", "s"),
}

CONCORDANCE = {}
_tls = threading.local()

LEXICON = ("the scribe copieth psalms gospels charters letters writing quills inks "
           "vellum parchment rubrics margins glosses illuminated initials bindings "
           "abbot monks readings chanting candles nights hours pages ruled lines").split()


@dataclass(frozen=True)
class VolumeStats:
    name: str
    tokens: int
    stems: int


def read_lines(path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n")


def tokens(lines):
    for lineno, line in enumerate(lines, 1):
        for word in line.lower().split():
            word = word.strip(".,;:!?")
            if word:
                yield word, lineno


def stemmed(pairs, suffixes):
    for word, lineno in pairs:
        for suf in suffixes:
            if len(word) > len(suf) + 2 and word.endswith(suf):
                word = word[: -len(suf)]
                break
        yield word, lineno


class VolumeIndexer:
    def __init__(self, suffixes, max_flushers=2):
        self.suffixes = suffixes
        self._flush_slots = threading.Semaphore(max_flushers)
        self._lock = threading.Lock()
        self.volumes_done = 0
        self.first_seen = {}

    def pipeline(self, path):
        return stemmed(tokens(read_lines(path)), self.suffixes)

    def index_volume(self, path, **opts):
        _tls.tokens = 0
        local_first = {}
        for word, lineno in self.pipeline(path):  # expect: GIL001
            CONCORDANCE[word] = CONCORDANCE.get(word, 0) + 1  # expect: GIL002
            if word not in local_first:  # ok: GIL003
                local_first[word] = lineno
            _tls.tokens += 1  # ok: GIL002
        with self._flush_slots:
            self.volumes_done += 1  # expect: GIL002
        with self._lock:
            for word, lineno in local_first.items():
                self.first_seen.setdefault(word, (path.name, lineno))
        if opts.get("verbose"):
            log.info("%s: %d tokens, %d stems", path.name, _tls.tokens, len(local_first))
        return VolumeStats(path.name, _tls.tokens, len(local_first))


class FilteringIndexer(VolumeIndexer):
    """Drops stop words before they reach the concordance."""

    def __init__(self, *args, stop_words=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.stop_words = frozenset(stop_words)

    def pipeline(self, path):
        return ((w, n) for w, n in super().pipeline(path) if w not in self.stop_words)


def write_volumes(directory, cfg, rng):
    paths = []
    for v in range(cfg["volumes"]):
        path = pathlib.Path(directory) / f"volume-{v + 1}.txt"
        lines = (" ".join(rng.choices(LEXICON, k=cfg["words_per_line"])).capitalize() + "."
                 for _ in range(cfg["lines_per_volume"]))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def build_index(paths, cfg):
    indexer = FilteringIndexer(cfg["suffixes"], max_flushers=2, stop_words=("the",))
    job = partial(indexer.index_volume, verbose=True)
    with ThreadPoolExecutor(max_workers=cfg["workers"], thread_name_prefix="indexer") as pool:
        stats = list(pool.map(job, paths))
    return indexer, stats


def main(cfg):
    logging.basicConfig(level=logging.INFO, stream=sys.stdout, format="%(threadName)s %(message)s")
    rng = random.Random(731)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="volumes-") as tmp:
        paths = write_volumes(tmp, cfg, rng)
        indexer, stats = build_index(paths, cfg)
    total_tokens = sum(s.tokens for s in stats)
    counted = sum(CONCORDANCE.values())
    log.info("indexed %d volumes (%d recorded), %d tokens, concordance counts %d (%s)",
             len(stats), indexer.volumes_done, total_tokens, counted,
             "complete" if counted == total_tokens else f"lost {total_tokens - counted}")
    top = sorted(CONCORDANCE.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    log.info("most frequent stems: %s", ", ".join(f"{w}={n}" for w, n in top))
    log.info("first 'quill' at %s; done in %.2fs", indexer.first_seen.get("quill"),
             time.perf_counter() - started)


if __name__ == "__main__":
    main(INDEX_CONFIG)
