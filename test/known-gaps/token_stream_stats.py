#!/usr/bin/env python3
"""Corpus statistics gathered by tokenizer threads that share one stats object."""
import re
import threading

WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*")
TEXT = """It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was the
epoch of incredulity, it was the season of Light, it was the season of Darkness,
it was the spring of hope, it was the winter of despair.""".splitlines() * 200


class CorpusStats:
    def __init__(self):
        self.tokens = 0
        self.types = set()
        self.longest = ""
        self.lock = threading.Lock()

    def record_longest(self, tok):
        self.lock.acquire()  # expect: GIL005
        if len(tok) <= len(self.longest):
            self.lock.release()
            return
        if not tok.isprintable():
            return
        self.longest = tok
        self.lock.release()

    def merge_types(self, toks):
        self.lock.acquire()  # ok: GIL005
        try:
            self.types.update(map(str.lower, toks))
        finally:
            self.lock.release()


class Tokenizer(threading.Thread):
    def __init__(self, name, lines, stats):
        super().__init__(name=name)
        self.lines = lines
        self.stats = stats
        self.emitted = 0

    def run(self):
        toks = [t for line in self.lines for t in WORD_RE.findall(line)]  # expect: GIL001
        for tok in toks:  # expect: GIL001
            self.stats.record_longest(tok)
            self.emitted += 1  # ok: GIL002
        self.stats.merge_types(toks)
        self.stats.tokens += len(toks)  # expect: GIL002


def main():
    stats = CorpusStats()
    n = 4
    workers = [Tokenizer(f"tok-{i}", TEXT[i::n], stats) for i in range(n)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"tokens={stats.tokens} (per thread {[w.emitted for w in workers]})")
    print(f"types={len(stats.types)} longest={stats.longest!r}")
    print("sample types:", sorted(stats.types)[:8])


if __name__ == "__main__":
    main()
