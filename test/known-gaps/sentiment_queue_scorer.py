"""Sentiment scoring fed through a queue.Queue; scorer threads share the label counts."""
import queue
import random
import threading
import time

LEXICON = {"great": 2, "good": 1, "fine": 0.5, "slow": -1, "bad": -1.5, "awful": -2.5,
           "love": 2, "broken": -2}
FILLER = ["the", "item", "arrived", "and", "was", "really", "quite", "very", "it", "shipping"]
label_counts = {"positive": 0, "negative": 0, "neutral": 0}
scored = []


def score(text):
    total = 0.0
    for word in text.split():
        total += LEXICON.get(word, 0)  # ok: GIL002
    return total


def scorer(reviews):
    while True:  # expect: GIL001
        text = reviews.get()
        if text is None:
            break
        s = score(text)
        label = "positive" if s > 0.5 else "negative" if s < -0.5 else "neutral"
        label_counts[label] += 1  # expect: GIL002
        scored.append(s)


if __name__ == "__main__":
    rng = random.Random(5)
    vocab = list(LEXICON) + FILLER * 4
    reviews = queue.Queue()
    for _ in range(8_000):
        reviews.put(" ".join(rng.choice(vocab) for _ in range(100)))
    workers = [threading.Thread(target=scorer, args=(reviews,), name=f"scorer-{i}")
               for i in range(4)]
    for _ in workers:
        reviews.put(None)

    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - start

    print(f"scored {len(scored)} reviews in {elapsed:.2f}s")
    print(f"labels = {sum(label_counts.values())} (expected {len(scored)}) {label_counts}")
    print(f"mean score {sum(scored) / len(scored):+.3f}")
