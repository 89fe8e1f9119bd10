#!/usr/bin/env python3
"""Word-frequency report over a small quote corpus, split across worker threads."""
import string
import threading
from collections import Counter

CORPUS = [
    "The quick brown fox jumps over the lazy dog.",
    "A journey of a thousand miles begins with a single step!",
    "To be, or not to be: that is the question.",
    "All that glitters is not gold; not all who wander are lost.",
    "The early bird catches the worm, but the second mouse gets the cheese.",
    "Brevity is the soul of wit -- and of good commit messages.",
] * 350

PUNCT = string.punctuation + "\u201c\u201d\u2018\u2019"
NUM_WORKERS = 4

merged = Counter()
merge_lock = threading.Lock()
stats = {"chunks": 0}
total_tokens = 0
lines_by_worker = {}


def count_chunk(worker_id, lines):
    global total_tokens
    local = Counter()
    words = " ".join(lines).split()
    for raw in words:  # expect: GIL001
        word = raw.strip(PUNCT).lower()
        if word:
            local[word] += 1  # ok: GIL002
    total_tokens += len(words)  # expect: GIL002
    lines_by_worker[worker_id] = len(lines)
    with merge_lock:
        merged.update(local)
        stats["chunks"] += 1  # ok: GIL002


def split_evenly(items, parts):
    size, extra = divmod(len(items), parts)
    chunks, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        chunks.append(items[start:end])
        start = end
    return chunks


def main():
    threads = []
    for i, chunk in enumerate(split_evenly(CORPUS, NUM_WORKERS)):
        t = threading.Thread(target=count_chunk, args=(i, chunk), name=f"counter-{i}")
        threads.append(t)
        t.start()
    for t in threads:
        t.join()

    long_words = sum(1 for w in merged if len(w) > 5)  # ok: GIL001
    print(f"chunks merged: {stats['chunks']}, tokens: {total_tokens}")
    print(f"distinct words: {len(merged)}, long words: {long_words}")
    print("lines per worker:", dict(sorted(lines_by_worker.items())))
    for word, n in merged.most_common(8):
        print(f"  {word:<10} {n}")


if __name__ == "__main__":
    main()
