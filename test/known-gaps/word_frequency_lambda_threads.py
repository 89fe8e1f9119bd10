"""Word frequencies over a small corpus, split across threads.

The first approach has every thread bump one shared dict; the second has
each thread count into a local dict and merge once under a lock.  Both
spend their time in pure-Python loops, so the GIL keeps them serial.
"""
import threading
from collections import Counter

CORPUS = (
    "the quick brown fox jumps over the lazy dog while the cat watches "
    "a slow green turtle crosses the road and the fox waits for the dog "
) * 1500

shared_counts = {}
merged = Counter()
merge_lock = threading.Lock()
lines_seen = 0


def normalise(word):
    return word.strip(".,;:!?").lower()


def count_shared(words):
    global lines_seen
    for w in words:  # expect: GIL001
        key = normalise(w)
        shared_counts[key] = shared_counts.get(key, 0) + 1  # expect: GIL002
    lines_seen += 1  # expect: GIL002


def count_local(words):
    local = {}
    for w in words:  # expect: GIL001
        key = normalise(w)
        local[key] = local.get(key, 0) + 1  # ok: GIL002
    with merge_lock:
        merged.update(local)


def chunks(words, parts):
    size = len(words) // parts + 1
    return [words[i:i + size] for i in range(0, len(words), size)]


def run_all(fn, pieces):
    threads = [threading.Thread(target=lambda p=p: fn(p)) for p in pieces]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def main():
    words = CORPUS.split()
    pieces = chunks(words, 4)
    reference = Counter(normalise(w) for w in words)  # ok: GIL001

    run_all(count_shared, pieces)
    run_all(count_local, pieces)

    print("top words:", reference.most_common(4))
    print("shared dict matches:", Counter(shared_counts) == reference)
    print("local+merge matches:", merged == reference)
    print("pieces counted:", lines_seen)


if __name__ == "__main__":
    main()
