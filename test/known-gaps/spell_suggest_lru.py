#!/usr/bin/env python3
"""Spelling suggestion workers sharing a functools.lru_cache of edit distances.

Each worker thread takes a batch of misspelled words and ranks the vocabulary
by edit distance; distances between common prefixes are memoised.
"""
import functools
import threading

VOCAB = [
    "account", "address", "balance", "banking", "billing", "capture", "charges",
    "checkout", "customer", "deposit", "discount", "invoice", "ledger", "merchant",
    "payment", "payout", "receipt", "refund", "reserve", "session", "settle",
    "statement", "subscription", "transfer", "voucher", "wallet", "warranty",
]


@functools.lru_cache(maxsize=None)
def edit_distance(a, b):
    if not a:
        return len(b)
    if not b:
        return len(a)
    if a[0] == b[0]:
        return edit_distance(a[1:], b[1:])
    return 1 + min(edit_distance(a[1:], b),
                   edit_distance(a, b[1:]),
                   edit_distance(a[1:], b[1:]))


class SuggestStats:
    def __init__(self):
        self.queries = 0
        self.exact = 0


class SuggestWorker(threading.Thread):
    def __init__(self, typo, stats):
        super().__init__(name="suggest-" + typo)
        self.typo = typo
        self.stats = stats
        self.best = []

    def run(self):
        ranked = sorted((edit_distance(self.typo, w), w) for w in VOCAB)  # expect: GIL001
        self.best = [w for _, w in ranked[:3]]
        self.stats.queries += 1  # expect: GIL002
        if ranked[0][0] == 0:
            self.stats.exact += 1  # expect: GIL002


def main():
    batches = [
        ["acount", "adress", "balanse", "refnd"],
        ["paymnt", "recipt", "wallet", "vouchr"],
        ["subscripton", "statment", "transfr", "ledgr"],
        ["merchent", "custmer", "checkot", "invoise"],
    ]
    stats = SuggestStats()
    for word in VOCAB:  # ok: GIL001
        edit_distance(word, word)  # prime the cache before serving
    workers = [SuggestWorker(t, stats) for batch in batches for t in batch]
    for w in workers:
        w.start()
    for w in workers:
        w.join()

    for w in workers:
        print("%-12s -> %s" % (w.typo, ", ".join(w.best)))
    info = edit_distance.cache_info()
    print("queries=%d exact=%d cache hits=%d misses=%d"
          % (stats.queries, stats.exact, info.hits, info.misses))


if __name__ == "__main__":
    main()
