"""Word frequencies over a ~2 MB corpus: a regex tokenizer and a hand-written scanner, merged into one table."""
import random
import re
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

VOCAB_WORDS = ("the river stone market harbor lantern quiet morning falcon copper meadow thunder "
               "whisper garden orbit signal ember glacier compass voyage velvet canyon ribbon "
               "marble timber silver beacon orchard summit prairie island ferry kettle saddle "
               "anchor blossom cinder dune ember's frost grove hollow ivory jasper keel").split()
CORPUS_WORDS = 350_000
WORD_RE = re.compile(r"[a-z']+")
VOCAB = {}


class Tokenizer:
    def __init__(self, text):
        self.text = text

    def regex_counts(self):
        counts = Counter(WORD_RE.findall(self.text))  # ok: GIL001
        merge(counts)
        return sum(counts.values())

    def scan_counts(self):
        text = self.text
        counts = {}
        start = -1
        for i, ch in enumerate(text):  # expect: GIL001
            if "a" <= ch <= "z" or ch == "'":
                if start < 0:
                    start = i
            elif start >= 0:
                word = text[start:i]
                counts[word] = counts.get(word, 0) + 1  # ok: GIL002
                start = -1
        if start >= 0:
            counts[text[start:]] = counts.get(text[start:], 0) + 1
        merge(counts)
        return sum(counts.values())


def merge(counts):
    for word, n in counts.items():  # ok: GIL001
        VOCAB[word] = VOCAB.get(word, 0) + n  # expect: GIL002


def make_corpus(seed):
    rng = random.Random(seed)
    return " ".join(rng.choices(VOCAB_WORDS, k=CORPUS_WORDS))


if __name__ == "__main__":
    tokenizer = Tokenizer(make_corpus(8))
    print(f"corpus: {len(tokenizer.text) / 1e6:.2f} MB, {len(VOCAB_WORDS)} distinct words")
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="tok") as pool:
        fut_regex = pool.submit(tokenizer.regex_counts)
        fut_scan = pool.submit(tokenizer.scan_counts)
        totals = fut_regex.result(), fut_scan.result()
    print(f"tokenized {totals} words in {time.perf_counter() - started:.2f}s")
    top = sorted(VOCAB.items(), key=lambda kv: -kv[1])[:5]
    print(f"merged table: {len(VOCAB)} words, {sum(VOCAB.values())} occurrences "
          f"(expected {2 * CORPUS_WORDS}); top {top}")
