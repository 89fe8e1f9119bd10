#!/usr/bin/env python3
"""Build an inverted index for a synthetic document set with a few indexer threads."""
import random
import re
import threading

TOKEN_RE = re.compile(r"[a-z0-9']+")
STOPWORDS = frozenset("a an the of to and in is for on with at by".split())
VOCAB = ("python thread lock index query token parser cache queue worker "
         "search engine posting list document score rank merge shard replica "
         "the of and to in a is for on with").split()


def make_documents(n, seed=7):
    rng = random.Random(seed)
    return {f"doc{i:04d}": " ".join(rng.choice(VOCAB) for _ in range(30))
            for i in range(n)}


class IndexWorker(threading.Thread):
    def __init__(self, name, docs, index, doc_freq):
        super().__init__(name=name)
        self.docs = docs
        self.index = index
        self.doc_freq = doc_freq
        self.postings_added = 0

    def run(self):
        pairs = [(doc_id, term) for doc_id, text in self.docs for term in set(TOKEN_RE.findall(text.lower()))]  # expect: GIL001
        for doc_id, term in pairs:  # expect: GIL001
            if term in STOPWORDS:
                continue
            if term not in self.index:  # expect: GIL003
                self.index[term] = set()
            self.index[term].add(doc_id)
            self.doc_freq[term] = self.doc_freq.get(term, 0) + 1  # expect: GIL002
            self.postings_added += 1  # ok: GIL002


def search(index, query):
    terms = [t for t in TOKEN_RE.findall(query.lower()) if t not in STOPWORDS]
    if not terms:
        return set()
    result = set(index.get(terms[0], ()))
    for term in terms[1:]:
        result &= index.get(term, set())
    return result


def main():
    docs = make_documents(800)
    items = sorted(docs.items())
    index, doc_freq = {}, {}
    workers = [IndexWorker(f"indexer-{i}", items[i::3], index, doc_freq) for i in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()

    print(f"indexed {len(docs)} docs, {len(index)} terms")
    print("postings per worker:", [w.postings_added for w in workers])
    for term in ("thread", "lock", "replica"):
        print(f"  df({term}) = {doc_freq.get(term, 0)}, postings = {len(index.get(term, ()))}")
    hits = search(index, "thread lock cache")
    print(f"'thread lock cache' -> {len(hits)} docs, e.g. {sorted(hits)[:3]}")


if __name__ == "__main__":
    main()
