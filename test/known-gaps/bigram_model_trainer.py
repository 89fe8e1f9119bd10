#!/usr/bin/env python3
"""Train a bigram language model from sentences using a pool of trainer threads."""
import random
import threading
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor

SUBJECTS = ["the parser", "a tokenizer", "the model", "our index", "the worker"]
VERBS = ["reads", "splits", "scores", "merges", "emits"]
OBJECTS = ["the corpus", "every token", "short sentences", "the queue", "rare words"]

model = defaultdict(Counter)
progress = {"chunks": 0}
progress_lock = threading.Lock()


def make_sentence(rng):
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"


def tokens_of(sentence):
    return ["<s>"] + sentence.lower().split() + ["</s>"]


def train_chunk(sentences):
    bigrams = [bg for s in sentences for bg in zip(tokens_of(s), tokens_of(s)[1:])]  # expect: GIL001
    for prev, cur in bigrams:  # expect: GIL001
        model[prev][cur] += 1  # expect: GIL002
    with progress_lock:
        progress["chunks"] += 1  # ok: GIL002
    return len(bigrams)


def report_progress(total):
    with progress_lock:
        done = progress["chunks"]
    print(f"[progress] {done}/{total} chunks trained")


def generate(rng, max_len=10):
    word, out = "<s>", []
    for _ in range(max_len):
        nxt = model.get(word)
        if not nxt:
            break
        words, weights = zip(*nxt.items())
        word = rng.choices(words, weights)[0]
        if word == "</s>":
            break
        out.append(word)
    return " ".join(out)


def main():
    rng = random.Random(42)
    sentences = [make_sentence(rng) for _ in range(6000)]  # ok: GIL001
    chunks = [sentences[i:i + 400] for i in range(0, len(sentences), 400)]

    timer = threading.Timer(0.05, report_progress, args=(len(chunks),))
    timer.start()
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(train_chunk, c) for c in chunks]
        trained = sum(f.result() for f in futures)
    timer.cancel()
    report_progress(len(chunks))

    print(f"trained on {trained} bigrams, {len(model)} context words")
    print("after 'the':", model["the"].most_common(3))
    for _ in range(3):
        print("  sample:", generate(rng))


if __name__ == "__main__":
    main()
