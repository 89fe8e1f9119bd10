"""Builds a keyword index over the library catalogue's book blurbs using worker threads."""
import functools
import random
import threading

term_freq = {}
docs_indexed = 0
progress_lock = threading.Lock()
STOPWORDS = frozenset("the a an and of to in is for on with by at".split())

VOCAB = ("dragon voyage empire garden murder detective river kingdom winter letters "
         "science ocean memory orchard railway harbor silence portrait island machine").split()


def tokenize(text):
    words, current = [], []
    for ch in text.lower():  # expect: GIL001
        if ch.isalnum():
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def index_shelf(shelf_name, records, min_len=4):
    global docs_indexed
    for record in records:  # expect: GIL001
        words = tokenize(record["blurb"])
        keywords = [w for w in words if len(w) >= min_len and w not in STOPWORDS]  # expect: GIL001
        for w in keywords:  # expect: GIL001
            term_freq[w] = term_freq.get(w, 0) + 1  # expect: GIL002
        with progress_lock:
            docs_indexed += 1  # ok: GIL002
    print(f"{shelf_name}: indexed {len(records)} records")


def fake_shelf(rng, prefix, n):
    shelf = []
    for i in range(n):  # ok: GIL001
        blurb = " ".join(rng.choice(VOCAB + ["the", "of", "and"]) for _ in range(300))
        shelf.append({"id": f"{prefix}-{i}", "blurb": blurb})
    return shelf


def main():
    rng = random.Random(11)
    shelves = {name: fake_shelf(rng, name, 12) for name in ("FIC", "NF", "REF", "YA")}
    workers = [
        threading.Thread(target=functools.partial(index_shelf, name, recs), name=name)
        for name, recs in shelves.items()
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    top = sorted(term_freq.items(), key=lambda kv: -kv[1])[:5]
    print("documents indexed:", docs_indexed)
    print("top terms:", top)
    print("distinct terms:", len(term_freq))


if __name__ == "__main__":
    main()
