#!/usr/bin/env python3
"""Spell-check a batch of support tickets in a thread pool, caching suggestions."""
import difflib
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed

VOCAB = sorted(set("""
account address billing cancel charge connection customer delivery device email
error invoice login message network order password payment problem receipt refund
request reset security service shipping subscription support update upgrade
warranty website window wireless yesterday tomorrow please thanks cannot since
""".split()))
VOCAB_SET = frozenset(VOCAB)
MAX_CACHE = 26

cache = {}
cache_lock = threading.Lock()
stats = {"hits": 0, "misses": 0}

TICKETS = {
    "T-101": "Plese reset my pasword, the login page shows an eror since yesterday.",
    "T-102": "I was charged twice for my subscripton, I need a refnd and a reciept.",
    "T-103": "The wirless conection drops, cannot upgrade the devise firmware.",
    "T-104": "Shiping adress on the invoce is wrong, please updte my acount.",
    "T-105": "Thanks for the suport, the paymnt problm is fixed now.",
    "T-106": "Canel my ordr tomorow and email the receit to billing.",
}


def suggest(word):
    with cache_lock:
        if word in cache:  # ok: GIL003
            stats["hits"] += 1  # ok: GIL002
            return cache[word]
    matches = difflib.get_close_matches(word, VOCAB, n=3, cutoff=0.72)
    stats["misses"] += 1  # expect: GIL002
    if len(cache) >= MAX_CACHE:  # expect: GIL003
        cache.pop(next(iter(cache)))
    with cache_lock:
        cache[word] = matches
    return matches


def check_ticket(ticket_id, text):
    report = []
    for token in text.split():  # expect: GIL001
        word = token.strip(".,;:!?").lower()
        if len(word) > 3 and word not in VOCAB_SET:
            report.append((word, suggest(word)))
    return ticket_id, report


def main():
    batches = [(f"{tid}/{n}", text) for n in range(5) for tid, text in TICKETS.items() if n < 2 or tid < "T-104"]
    results = {}
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(check_ticket, tid, text) for tid, text in batches]
        for fut in as_completed(futures):
            tid, report = fut.result()
            results[tid] = report

    for tid in sorted(results):
        if not tid.endswith("/0"):
            continue
        fixes = ", ".join(f"{w}->{s[0] if s else '?'}" for w, s in results[tid])
        print(f"{tid}: {fixes or 'no issues'}")
    print(f"cache hits={stats['hits']} misses={stats['misses']} size={len(cache)}")


if __name__ == "__main__":
    main()
