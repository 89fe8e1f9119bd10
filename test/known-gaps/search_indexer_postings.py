# Full-text search indexer: indexer threads combine a tokenizer strategy with a shared posting store.
import random
import re
import threading

VOCAB = ["alpha", "beta", "gamma", "delta", "kernel", "thread", "lock", "queue", "cache", "index"]


class Tokenizer:
    def tokens(self, text):
        raise NotImplementedError


class RegexTokenizer(Tokenizer):
    pattern = re.compile(r"[a-z]+")

    def tokens(self, text):
        return self.pattern.findall(text.lower())


class StemmingTokenizer(Tokenizer):
    suffixes = ("ing", "ed", "es", "s")

    def tokens(self, text):
        stems = []
        for word in text.split():  # expect: GIL001
            word = word.lower().strip(".,;")
            for suffix in self.suffixes:
                if word.endswith(suffix) and len(word) > len(suffix) + 2:
                    word = word[: -len(suffix)]
                    break
            stems.append(word)
        return stems


class PostingStore:
    def __init__(self):
        self.postings = {}
        self.doc_count = 0
        self.term_total = 0
        self._lock = threading.RLock()

    def add_terms(self, doc_id, terms):
        for term in set(terms):
            if term not in self.postings:  # expect: GIL003
                self.postings[term] = set()
            self.postings[term].add(doc_id)
        with self._lock:
            self.term_total += len(terms)  # ok: GIL002


class IndexerThread(threading.Thread):
    def __init__(self, store, tokenizer, doc_id, text):
        super().__init__(name=f"indexer-{doc_id}")
        self.store = store
        self.tokenizer = tokenizer
        self.doc_id = doc_id
        self.text = text
        self.terms_seen = 0

    def run(self):
        terms = self.tokenizer.tokens(self.text)
        self.store.add_terms(self.doc_id, terms)
        self.store.doc_count += 1  # expect: GIL002
        self.terms_seen += len(terms)  # ok: GIL002


def make_tokenizer(kind):
    return {"regex": RegexTokenizer, "stemming": StemmingTokenizer}[kind]()


def make_corpus(seed, n_docs, words_per_doc):
    rng = random.Random(seed)
    return [
        (f"d{seed}-{i}", " ".join(rng.choice(VOCAB) + rng.choice(["", "s", "ing"]) for _ in range(words_per_doc)))
        for i in range(n_docs)
    ]


def main():
    store = PostingStore()
    settings = [("regex", 1, 8), ("stemming", 2, 6), ("regex", 3, 5), ("stemming", 4, 1)]
    threads = []
    for kind, seed, n_docs in settings:
        words = 250_000 if n_docs == 1 else 80
        for doc_id, text in make_corpus(seed, n_docs, words):
            threads.append(IndexerThread(store, make_tokenizer(kind), doc_id, text))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"docs={store.doc_count} terms={store.term_total} distinct={len(store.postings)}")
    print("largest doc:", max(t.terms_seen for t in threads))


if __name__ == "__main__":
    main()
