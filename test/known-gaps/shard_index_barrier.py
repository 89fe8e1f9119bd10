"""Build a word index over document shards, one thread per shard, in synchronized phases.

Each shard thread loads its documents and waits at the `loaded` Barrier; the main thread then
freezes the vocabulary and sets the `go` Event; the threads count words (pure Python, CPU-bound)
and meet at the `counted` Barrier, whose wait() returns 0 in exactly one thread: that one merges.
"""
import random
import threading
import time

N_SHARDS = 3
DOCS_PER_SHARD = 400
WORDS_PER_DOC = 300
VOCAB = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu".split()

loaded = threading.Barrier(N_SHARDS)
counted = threading.Barrier(N_SHARDS, action=lambda: print("all shards counted"))
go = threading.Event()
cancelled = threading.Event()
progress_lock = threading.Lock()

shard_counts = [None] * N_SHARDS
word_ids = {}
merged = {}
summary = {"loaded": 0, "docs": 0, "merges": 0, "polls": 0}


def count_words(docs):
    counts = {}
    for doc in docs:  # expect: GIL001
        for word in doc.split():
            counts[word] = counts.get(word, 0) + 1  # ok: GIL002
            if word not in word_ids:  # expect: GIL003
                word_ids[word] = len(word_ids)
    return counts


def merge_all():
    for counts in shard_counts:  # ok: GIL001
        for word, n in counts.items():
            merged[word] = merged.get(word, 0) + n  # ok: GIL002
    summary["merges"] += 1  # ok: GIL002


def shard_worker(idx, docs):
    time.sleep(0.02)  # reading the shard file
    with progress_lock:
        summary["loaded"] += 1  # ok: GIL002
    loaded.wait()
    go.wait()
    if cancelled.is_set():  # ok: GIL003
        return
    shard_counts[idx] = count_words(docs)  # ok: GIL002
    summary["docs"] += len(docs)  # expect: GIL002
    if counted.wait() == 0:
        merge_all()


def watchdog(deadline):
    while not go.wait(timeout=0.01):  # ok: GIL001
        summary["polls"] += 1  # ok: GIL002
        if time.monotonic() > deadline:
            cancelled.set()
            go.set()


def make_shards(seed):
    rng = random.Random(seed)
    shards = []
    for _ in range(N_SHARDS):  # ok: GIL001
        shards.append([" ".join(rng.choices(VOCAB, k=WORDS_PER_DOC)) for _ in range(DOCS_PER_SHARD)])
    return shards


def build(seed=7):
    shards = make_shards(seed)
    threads = [threading.Thread(target=shard_worker, args=(i, shards[i]), name=f"shard-{i}")
               for i in range(N_SHARDS)]
    threads.append(threading.Thread(target=watchdog, args=(time.monotonic() + 5.0,), daemon=True))
    for t in threads:
        t.start()
    time.sleep(0.05)  # freeze the vocabulary file before counting starts
    go.set()
    for t in threads[:N_SHARDS]:
        t.join()
    return merged


if __name__ == "__main__":
    index = build()
    print(sum(index.values()), len(word_ids), summary)
