#!/usr/bin/env python3
"""Background spell checker for a note-taking app: words of the open note are
checked in a thread pool with executor.map; suggestions for unknown words are
memoised in a module-level dict shared by all workers."""
import collections
import threading
from concurrent.futures import ThreadPoolExecutor

DICTIONARY = """the quick brown fox jumps over lazy dog meeting agenda budget
review schedule project deadline customer feedback release notes weekly
planning design prototype testing deploy server database backup invoice
payment quarter revenue forecast hiring interview onboarding laptop
and for on new was good two slots before""".split()
KNOWN = frozenset(DICTIONARY)


def bigrams(word):
    return set(map("".join, zip(word, word[1:])))


BIGRAMS = {w: bigrams(w) for w in DICTIONARY}
suggestion_memo = {}
lookups = collections.Counter()
per_thread = threading.local()


def suggest(word):
    grams = bigrams(word)
    best, best_score = word, 0.0
    for cand in DICTIONARY:  # expect: GIL001
        cg = BIGRAMS[cand]
        score = len(grams & cg) / (len(grams | cg) or 1)
        if score > best_score:
            best, best_score = cand, score
    return best


def check_word(word):
    w = word.strip(".,;:!?()").lower()
    per_thread.checked = getattr(per_thread, "checked", 0) + 1  # ok: GIL002
    if not w or w.isdigit() or w in KNOWN:
        return None
    lookups[w] += 1  # expect: GIL002
    if w not in suggestion_memo:  # expect: GIL003
        suggestion_memo[w] = suggest(w)
    return word, suggestion_memo[w]


def check_note(text, pool):
    misses = 0
    report = []
    for hit in pool.map(check_word, text.split()):
        if hit is not None:
            misses += 1  # ok: GIL002
            report.append(hit)
    return misses, report


NOTE = """Weekly meeting agenda: reveiw the budgte forecast for the quater,
schedule the prototipe testing, and deploy the servr backup. Customer
feedbak on the relase notes was good. Hiring: two intervew slots, onboardng
laptop for the new designr. Reveiw invoce payment before the deadlne."""


def main():
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="spell") as pool:
        for round_no in range(3):
            misses, report = check_note((NOTE + "\n") * 20, pool)
            print(f"pass {round_no}: {misses} misspellings")
    seen = {}
    for word, fix in report:
        seen.setdefault(word.strip(".,;:!?()").lower(), fix)
    for wrong, fix in sorted(seen.items()):
        print(f"  {wrong:<11} -> {fix}")
    print("memo size:", len(suggestion_memo), "top lookups:", lookups.most_common(3))


if __name__ == "__main__":
    main()
