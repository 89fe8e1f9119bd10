"""OCR post-processing: de-hyphenate, tokenise and spell-correct scanned pages.

A generator pipeline turns raw OCR pages into batches of tokens; worker
threads correct every token that is not in the lexicon to the closest
lexicon word (Levenshtein distance, bounded) and tally which corrections
were made so the OCR engine's confusion table can be tuned.
"""
from __future__ import annotations

import functools
import logging
import queue
import random
import re
import threading
import time
from typing import Iterable, Iterator

log = logging.getLogger("ocr.spell")

LEXICON = sorted(set("""
account address agreement amount annual balance board business capital certificate company
contract corporation customer department director dividend document employee equipment estate
exchange finance government income insurance interest invoice liability license management
manager market member office operation payment pension period policy premium property
purchase receipt record registration report revenue salary schedule security service share
statement subsidiary supplier transaction transfer treasury trustee valuation warranty
""".split()))
CONFUSIONS = {"m": "rn", "l": "1", "o": "0", "e": "c", "i": "l", "s": "5"}
SENTINEL = None


def log_failures(stage: str):
    """Log (with the stage name) any exception that escapes a worker, then re-raise."""
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except Exception:
                log.exception("stage %s: %s failed in %s", stage, fn.__name__,
                              threading.current_thread().name)
                raise
        return wrapper
    return decorate


def levenshtein(a: str, b: str, limit: int) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        prev = cur
    return prev[-1]


def best_match(token: str, lexicon: list[str], limit: int = 2) -> str:
    best, best_d = token, limit + 1
    for word in lexicon:
        d = levenshtein(token, word, limit)
        if d < best_d:
            best, best_d = word, d
    return best


# --- generator pipeline (runs in the main thread) -------------------------

def dehyphenate(pages: Iterable[str]) -> Iterator[str]:
    carry = ""
    for page in pages:  # ok: GIL001
        for line in page.splitlines():
            line = carry + line.strip()
            carry = ""
            if line.endswith("-"):
                carry = line[:-1]
                continue
            yield line
    if carry:
        yield carry


def tokenise(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        yield from re.findall(r"[a-z0-9]+", line.lower())


def batched(tokens: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for tok in tokens:
        batch.append(tok)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- workers ---------------------------------------------------------------

@log_failures("spell-correct")
def correct_batches(inbox: "queue.Queue[list[str] | None]", *, lexicon: list[str],
                    corrections: dict[str, int], output: list) -> None:
    known = set(lexicon)
    while True:  # expect: GIL001
        batch = inbox.get()
        if batch is SENTINEL:
            return
        fixed = []
        for tok in batch:
            if tok in known or tok.isdigit():
                fixed.append(tok)
                continue
            word = best_match(tok, lexicon)
            if word != tok:
                corrections[f"{tok}->{word}"] = corrections.get(f"{tok}->{word}", 0) + 1  # expect: GIL002
            fixed.append(word)
        output.append(fixed)


def start_workers(n: int, target, **kwargs) -> list[threading.Thread]:
    workers = [threading.Thread(target=target, kwargs=kwargs, name=f"{target.__name__}-{i}") for i in range(n)]
    for w in workers:
        w.start()
    return workers


def fake_ocr_pages(n_pages: int, seed: int = 42) -> list[str]:
    rng = random.Random(seed)
    pages = []
    for _ in range(n_pages):
        lines = []
        for _ in range(30):
            words = []
            for _ in range(8):
                w = rng.choice(LEXICON)
                if rng.random() < 0.25:
                    ch = rng.choice([c for c in w if c in CONFUSIONS] or [w[0]])
                    w = w.replace(ch, CONFUSIONS.get(ch, ch), 1)
                words.append(w)
            lines.append(" ".join(words) + ("-" if rng.random() < 0.05 else ""))
        pages.append("\n".join(lines))
    return pages


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    inbox: "queue.Queue[list[str] | None]" = queue.Queue()
    batches = list(batched(tokenise(dehyphenate(fake_ocr_pages(12))), size=64))
    for b in batches:
        inbox.put(b)
    corrections: dict[str, int] = {}
    output: list[list[str]] = []
    n_workers = 3
    for _ in range(n_workers):
        inbox.put(SENTINEL)
    started = time.perf_counter()
    workers = start_workers(n_workers, correct_batches, inbox=inbox, lexicon=LEXICON, corrections=corrections, output=output)
    for w in workers:
        w.join()
    corrections["__batches__"] = corrections.get("__batches__", 0) + len(output)  # ok: GIL002
    top = sorted(((n, k) for k, n in corrections.items() if k != "__batches__"), reverse=True)[:5]
    print(f"corrected {sum(map(len, output))} tokens in {corrections['__batches__']} batches "
          f"({len(batches)} queued) in {time.perf_counter() - started:.2f}s")
    for n, k in top:
        print(f"  {k}: {n}")
