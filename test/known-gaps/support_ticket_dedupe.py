"""Support inbox deduplication: fingerprint incoming tickets and merge duplicates."""
import threading
from concurrent.futures import ThreadPoolExecutor

SEEN = {}          # fingerprint -> canonical ticket id
MERGED_INTO = {}   # duplicate ticket id -> canonical ticket id
STATS = {"duplicates": 0}
groups = {}
groups_lock = threading.Lock()


def text_fingerprint(text, rounds=40):
    normalized = " ".join(text.lower().split())
    h = 2166136261
    for ch in normalized * rounds:  # expect: GIL001
        h = ((h ^ ord(ch)) * 16777619) & 0xFFFFFFFF
    return h


def ingest(ticket):
    ticket_id, text = ticket
    fp = text_fingerprint(text)
    if fp not in SEEN:  # expect: GIL003
        SEEN[fp] = ticket_id
        return ticket_id, ticket_id
    MERGED_INTO[ticket_id] = SEEN[fp]
    STATS["duplicates"] += 1  # expect: GIL002
    return ticket_id, SEEN[fp]


def add_to_group(pair):
    ticket_id, canonical = pair
    with groups_lock:
        if canonical not in groups:  # ok: GIL003
            groups[canonical] = []
        groups[canonical].append(ticket_id)


def build_inbox():
    complaints = [
        "My order #{} never arrived and tracking is stuck",
        "Cannot log in after the password reset email",
        "Charged twice for the annual plan",
        "App crashes when I open the settings page",
    ]
    inbox = []
    for i in range(48):
        template = complaints[i % len(complaints)]
        order = 1000 + (i % 3)
        # customers paste the same text with different spacing/case
        text = template.format(order) if i % 2 else "  " + template.format(order).upper()
        inbox.append((f"T-{i:03d}", text))
    return inbox


def main():
    inbox = build_inbox()
    with ThreadPoolExecutor(max_workers=6) as pool:
        pairs = list(pool.map(ingest, inbox))
        list(pool.map(add_to_group, pairs))
    canonical_count = len(groups)
    largest = max(groups.values(), key=len)
    print(f"{len(inbox)} tickets -> {canonical_count} groups, {len(SEEN)} fingerprints")
    print(f"duplicates counted: {STATS['duplicates']}, merged map size: {len(MERGED_INTO)}")
    print(f"largest group ({largest[0]}...): {len(largest)} tickets")


if __name__ == "__main__":
    main()
