#!/usr/bin/env python3
"""Flag near-duplicate articles by min-hash of word shingles, checksum the archive too."""
import hashlib
import random
import threading

WORDS = "market stocks rally bank rates inflation growth report shares index fell rose".split()

seen_fingerprints = set()
unique_docs = []
duplicates = 0
dup_lock = threading.Lock()
archive_info = {}


def make_articles(n, seed=3):
    rng = random.Random(seed)
    base = [" ".join(rng.choice(WORDS) for _ in range(40)) for _ in range(n // 2)]
    return base + [doc.upper() for doc in base]


def shingle_fingerprint(text, k=4):
    words = text.lower().split()
    best = None
    for i in range(len(words) - k + 1):  # expect: GIL001
        h = hash(" ".join(words[i:i + k]))
        if best is None or h < best:
            best = h
    return best


def dedup_worker(articles):
    global duplicates
    for doc in articles:  # expect: GIL001
        fp = shingle_fingerprint(doc)
        if fp not in seen_fingerprints:  # expect: GIL003
            seen_fingerprints.add(fp)
            unique_docs.append(doc)
        else:
            with dup_lock:
                duplicates += 1  # ok: GIL002


def checksum_archive(blocks, out):
    digest = hashlib.sha256()
    for block in blocks:  # ok: GIL001
        digest.update(block)
    out["sha256"] = digest.hexdigest()
    out["bytes"] = sum(map(len, blocks))


def main():
    articles = make_articles(600)
    rng = random.Random(11)
    rng.shuffle(articles)
    blocks = [bytes([i]) * (1 << 20) for i in range(8)]

    threads = [threading.Thread(target=dedup_worker, args=(articles[i::3],)) for i in range(3)]
    threads.append(threading.Thread(target=lambda: checksum_archive(blocks, archive_info)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    print(f"articles={len(articles)} unique={len(unique_docs)} duplicates={duplicates}")
    print(f"archive {archive_info['bytes']} bytes sha256={archive_info['sha256'][:16]}...")


if __name__ == "__main__":
    main()
