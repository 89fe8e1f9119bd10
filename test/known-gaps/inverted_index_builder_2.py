#!/usr/bin/env python3
"""Build an inverted index (term -> doc ids) over a small synthetic document
collection, splitting the document ids across indexing threads."""
import functools
import random
import re
import threading

TOKEN_RE = re.compile(r"[a-z]+")
WORDS = ("cache thread lock queue index shard merge worker token parser "
         "vector matrix sieve prime latency batch stream reduce").split()

index = {}
scratch = threading.local()


class IndexStats:
    def __init__(self):
        self.lock = threading.Lock()
        self.docs = 0
        self.postings = 0


def make_docs(n, seed=21):
    rng = random.Random(seed)
    return {f"doc{i:04d}": " ".join(rng.choices(WORDS, k=rng.randint(8, 30))) for i in range(n)}  # ok: GIL001


def tokenize(text):
    return TOKEN_RE.findall(text.lower())


def index_docs(doc_ids, docs, stats):
    scratch.postings = 0
    for doc_id in doc_ids:  # expect: GIL001
        terms = set(tokenize(docs[doc_id]))
        scratch.postings += len(terms)  # ok: GIL002
        for term in terms:  # expect: GIL001
            if term not in index:  # expect: GIL003
                index[term] = []
            index[term].append(doc_id)
        stats.docs += 1  # expect: GIL002
    with stats.lock:
        stats.postings += scratch.postings  # ok: GIL002


def main():
    docs = make_docs(4000)
    ids = sorted(docs)
    stats = IndexStats()
    half = len(ids) // 2
    first, second = ids[:half], ids[half:]
    workers = [
        threading.Thread(target=lambda: index_docs(first[::2], docs, stats), name="idx-a"),
        threading.Thread(target=lambda: index_docs(first[1::2], docs, stats), name="idx-b"),
        threading.Thread(target=functools.partial(index_docs, second, docs, stats), name="idx-c"),
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()

    indexed = sum(len(v) for v in index.values())  # ok: GIL001
    print(f"{len(index)} terms, {indexed} postings indexed, {stats.postings} expected")
    print(f"documents counted: {stats.docs}/{len(docs)}")
    for term in ("lock", "prime", "stream"):
        hits = index.get(term, [])
        print(f"  {term:<7} -> {len(hits)} docs, first {sorted(hits)[:3]}")


if __name__ == "__main__":
    main()
