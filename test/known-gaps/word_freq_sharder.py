#!/usr/bin/env python3
"""wordfreq: count word frequencies in a corpus split across shard-counter threads."""
import argparse
import collections
import random
import threading
import time

ARGV = ["--workers", "4", "--words", "40000", "--top", "8"]

VOCAB = ("the of and to in is that for it as was with be by on not he this are or his from "
         "internationalization decentralization counterproductive telecommunications "
         "thread lock queue worker signal buffer").split()

long_words = {}
status = {}


class ShardCounter(threading.Thread):
    def __init__(self, shard_id, text):
        super().__init__(name=f"shard-{shard_id}")
        self.text = text
        self.local = collections.Counter()
        self.tokens = 0
        self.elapsed = 0.0

    def run(self):
        status[self.name] = "running"
        started = time.perf_counter()
        for tok in self.text.split():  # expect: GIL001
            word = tok.strip(".,;:!?\"'").lower()
            if not word:
                continue
            self.tokens += 1  # ok: GIL002
            self.local[word] += 1  # ok: GIL002
            if len(word) > 12:
                long_words[word] = long_words.get(word, 0) + 1  # expect: GIL002
        self.elapsed = time.perf_counter() - started
        status[self.name] = "done"


def build_corpus(n, seed=11):
    rng = random.Random(seed)
    words = rng.choices(VOCAB, k=n)
    return " ".join(w.capitalize() + "." if i % 17 == 0 else w for i, w in enumerate(words))  # ok: GIL001


def split_shards(text, parts):
    tokens = text.split()
    step = -(-len(tokens) // parts)
    return [" ".join(tokens[i:i + step]) for i in range(0, len(tokens), step)]


def main(argv):
    parser = argparse.ArgumentParser(prog="wordfreq")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--top", type=int, default=5)
    args = parser.parse_args(argv)

    shards = split_shards(build_corpus(args.words), args.workers)
    counters = [ShardCounter(i, text) for i, text in enumerate(shards)]
    for c in counters:
        c.start()
    for c in counters:
        c.join()
    print("status:", ", ".join(f"{k}={v}" for k, v in sorted(status.items())))

    merged = collections.Counter()
    for c in counters:
        merged.update(c.local)
    print(f"{'shard':<9}{'tokens':>8}{'ms':>8}")
    for c in counters:
        print(f"{c.name:<9}{c.tokens:>8}{c.elapsed * 1000:>8.1f}")
    print(f"\n{'word':<20}{'count':>7}")
    for word, count in merged.most_common(args.top):
        print(f"{word:<20}{count:>7}")
    print("long words:", sum(long_words.values()), "across", len(long_words), "entries")


if __name__ == "__main__":
    main(ARGV)
