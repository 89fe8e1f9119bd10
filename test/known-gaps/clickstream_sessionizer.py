"""Sessionize a synthetic clickstream export with a pool of JSON parsers."""
import json
import random
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

CHUNK_SIZE = 250
WORKERS = 6
EVENT_COUNT = 3000
SESSION_GAP_SECONDS = 1800
PAGES = ["/", "/search", "/item", "/cart", "/checkout", "/help"]

processed = 0
page_hits = Counter()
seen_event_ids = set()


def make_export(n, seed=7):
    rng = random.Random(seed)
    ts = 1_700_000_000
    lines = []
    for _ in range(n):
        ts += rng.randint(1, 900)
        event = {
            "id": f"ev-{rng.randint(0, n * 3 // 4)}",
            "user": f"u{rng.randint(1, 40):03d}",
            "page": rng.choice(PAGES),
            "ts": ts,
        }
        lines.append(json.dumps(event))
    return lines


def parse_chunk(lines):
    global processed
    stamps_by_user = {}
    for line in lines:
        event = json.loads(line)
        processed += 1  # expect: GIL002
        if event["id"] in seen_event_ids:  # expect: GIL003
            continue
        seen_event_ids.add(event["id"])
        page_hits[event["page"]] += 1  # expect: GIL002
        stamps_by_user.setdefault(event["user"], []).append(event["ts"])
    return stamps_by_user


def count_sessions(stamps):
    stamps = sorted(stamps)
    sessions = 1
    for prev, cur in zip(stamps, stamps[1:]):
        if cur - prev > SESSION_GAP_SECONDS:
            sessions += 1
    return sessions


def main():
    lines = make_export(EVENT_COUNT)
    chunks = [lines[i:i + CHUNK_SIZE] for i in range(0, len(lines), CHUNK_SIZE)]

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        partials = list(pool.map(parse_chunk, chunks))

    stamps_by_user = {}
    for partial in partials:
        for user, stamps in partial.items():
            stamps_by_user.setdefault(user, []).extend(stamps)

    sessions = {user: count_sessions(s) for user, s in stamps_by_user.items()}
    busiest = max(sessions, key=sessions.get)
    print(f"parsed {processed} events, {len(seen_event_ids)} unique")
    print(f"{len(sessions)} users, {sum(sessions.values())} sessions; busiest {busiest}")
    for page, hits in page_hits.most_common(3):
        print(f"  {page:<10} {hits}")


if __name__ == "__main__":
    main()
