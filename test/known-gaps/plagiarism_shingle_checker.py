#!/usr/bin/env python3
"""Shingle-based plagiarism screen for a batch of essays.

Worker threads fingerprint each essay (hashed 5-word shingles) and record
which essay first contributed every shingle; the main thread then compares
all pairs with Jaccard similarity and reports suspicious ones.
"""
import itertools
import queue
import random
import threading

VOCAB = ("the of proof lemma theorem graph vertex edge cycle tree induction "
         "base case hence therefore algorithm bound optimal greedy").split()
SHINGLE = 5
THRESHOLD = 0.2

first_owner = {}


def synth_essay(seed, borrow=None):
    rng = random.Random(seed)
    words = [rng.choice(VOCAB) for _ in range(6000)]  # ok: GIL001
    if borrow is not None:
        words[1000:3500] = borrow[1000:3500]
    return words


def fingerprint(words):
    last = len(words) - SHINGLE + 1
    return {hash(" ".join(words[i:i + SHINGLE])) & 0xFFFFFFFF for i in range(last)}  # expect: GIL001


def register(doc_id, prints):
    for h in sorted(prints):  # expect: GIL001
        if h not in first_owner:  # expect: GIL003
            first_owner[h] = doc_id


def analyse(doc_id, words, results):
    prints = fingerprint(words)
    register(doc_id, prints)
    results.put((doc_id, prints))


def main():
    essays = {f"essay{i}": synth_essay(i) for i in range(6)}
    essays["essay6"] = synth_essay(99, borrow=essays["essay2"])

    results = queue.Queue()
    workers = [threading.Thread(target=analyse, args=(doc_id, words, results))
               for doc_id, words in essays.items()]
    for w in workers:
        w.start()
    for w in workers:
        w.join()

    prints_by_doc = {}
    while not results.empty():
        doc_id, prints = results.get()
        prints_by_doc[doc_id] = prints

    flagged = 0
    for a, b in itertools.combinations(sorted(prints_by_doc), 2):  # ok: GIL001
        sa, sb = prints_by_doc[a], prints_by_doc[b]
        sim = len(sa & sb) / len(sa | sb)
        if sim >= THRESHOLD:
            flagged += 1  # ok: GIL002
            print(f"SUSPECT {a} <-> {b}: jaccard={sim:.2f}")
    owners = {}
    for doc in first_owner.values():  # ok: GIL001
        owners[doc] = owners.get(doc, 0) + 1  # ok: GIL002
    print(f"{flagged} pair(s) flagged; {len(first_owner)} distinct shingles")
    print("first-seen shingles per essay:", dict(sorted(owners.items())))


if __name__ == "__main__":
    main()
