#!/usr/bin/env python3
"""Map-reduce word frequencies over a synthetic corpus with ThreadPoolExecutor.map."""
import random
import re
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from functools import partial

VOCAB = ("the a of pipeline thread pool worker queue chunk hash batch stream retry "
         "cache shard merge reduce map token index buffer flush commit").split()
STOPWORDS = frozenset({"the", "a", "of"})
TOKEN = re.compile(r"[a-z']+")

tls = threading.local()
progress = {"docs": 0, "tokens": 0}
progress_lock = threading.Lock()


def build_corpus(n_docs, words_per_doc=400, seed=11):
    rng = random.Random(seed)
    weights = [1.0 / (rank + 1) for rank in range(len(VOCAB))]
    return [" ".join(rng.choices(VOCAB, weights, k=words_per_doc)).capitalize() + "."
            for _ in range(n_docs)]


def map_doc(doc, stopwords, min_len=3):
    counts = Counter()
    tokens = TOKEN.findall(doc.lower())
    for tok in tokens:  # expect: GIL001
        if len(tok) >= min_len and tok not in stopwords:  # ok: GIL003
            counts[tok] += 1  # ok: GIL002
    tls.docs = getattr(tls, "docs", 0) + 1  # ok: GIL002
    with progress_lock:
        progress["docs"] += 1  # ok: GIL002
        progress["tokens"] += len(tokens)  # ok: GIL002
    return counts


def reduce_counts(partials):
    total = Counter()
    docs_seen = 0
    for part in partials:
        total.update(part)
        docs_seen += 1  # ok: GIL002
    return total, docs_seen


def main():
    corpus = build_corpus(150)
    mapper = partial(map_doc, stopwords=STOPWORDS, min_len=3)
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="mapper") as pool:
        total, docs_seen = reduce_counts(pool.map(mapper, corpus, chunksize=8))
    print("documents: %d (workers reported %d), tokens: %d"
          % (docs_seen, progress["docs"], progress["tokens"]))
    for word, n in total.most_common(6):
        print("  %-9s %5d" % (word, n))


if __name__ == "__main__":
    main()
