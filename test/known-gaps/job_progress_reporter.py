"""Word-frequency indexer: documents are tokenized on a pool, progress reported via callback."""
import functools
import random
import threading
from concurrent.futures import ThreadPoolExecutor

VOCAB = ["alpha", "beta", "gamma", "delta", "kappa", "omega", "sigma", "theta", "x1", "y2"]
progress = {"docs": 0, "tokens": 0}


def report(kind, amount):
    progress[kind] += amount  # expect: GIL002


def make_corpus(n_docs, words_per_doc):
    rng = random.Random(3)
    corpus = {}
    for i in range(n_docs):
        corpus[f"doc-{i}"] = " ".join(rng.choices(VOCAB, k=words_per_doc))
    return corpus


def index_document(on_progress, item):
    name, text = item
    words = [w.lower() for w in text.split() if w.isalpha()]  # expect: GIL001
    counts = {}
    for w in words:  # expect: GIL001
        counts[w] = counts.get(w, 0) + 1  # ok: GIL002
    on_progress("tokens", len(words))
    on_progress("docs", 1)
    return name, counts


def heartbeat(stop, total):
    while not stop.wait(0.03):  # ok: GIL001
        print(f"  progress: {progress['docs']}/{total} docs, {progress['tokens']} tokens")


def main():
    corpus = make_corpus(8, 20_000)
    stop = threading.Event()
    beat = threading.Thread(target=heartbeat, args=(stop, len(corpus)), daemon=True)
    beat.start()
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="indexer") as pool:
        per_doc = list(pool.map(functools.partial(index_document, report), corpus.items()))
    stop.set()
    beat.join()
    merged = {}
    for _, counts in per_doc:
        for word, n in counts.items():
            merged[word] = merged.get(word, 0) + n  # ok: GIL002
    top = sorted(merged.items(), key=lambda kv: -kv[1])[:3]
    print(f"indexed {progress['docs']} docs, {progress['tokens']} tokens; top={top}")


if __name__ == "__main__":
    main()
