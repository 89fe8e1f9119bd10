"""asyncio chat gateway with off-loop moderation.

Client sessions (simulated coroutines) submit messages; trigram shingling
against a banned-phrase list runs in a ThreadPoolExecutor, accepted messages
are broadcast from an asyncio.Queue, and batches are persisted from a thread.
"""
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

BANNED_PHRASES = ["buy now", "free money", "click here"]
BANNED_SHINGLES = {p[i:i + 3] for p in BANNED_PHRASES for i in range(len(p) - 2)}


def shingle_hits(text, banned):
    hits = 0
    for i in range(len(text) - 2):  # expect: GIL001
        if text[i:i + 3] in banned:
            hits += 1
    return hits


def persist_batch(batch):
    time.sleep(0.01)  # ok: GIL004
    return len(batch)


async def session(client_id, messages, pool, outbox, stats):
    loop = asyncio.get_running_loop()
    for text in messages:
        hits = await loop.run_in_executor(pool, shingle_hits, text, BANNED_SHINGLES)
        if hits > len(text) // 50:
            time.sleep(0.02)  # expect: GIL004
            stats["rejected"] += 1  # ok: GIL002
            continue
        await asyncio.sleep(0.001)  # ok: GIL004
        stats["accepted"] += 1  # ok: GIL002
        await outbox.put((client_id, text[:24]))


async def broadcaster(outbox, pool, n_clients):
    loop = asyncio.get_running_loop()
    batch, saved = [], 0
    while True:
        item = await outbox.get()
        if item is None:
            break
        batch.append(item)
        if len(batch) >= 4:
            saved += await loop.run_in_executor(pool, persist_batch, batch)
            batch = []
    if batch:
        saved += await loop.run_in_executor(pool, persist_batch, batch)
    return saved


async def main():
    stats = {"accepted": 0, "rejected": 0}
    outbox = asyncio.Queue()
    clean = "let's ship the release on friday, ok? " * 400
    spammy = "click here for free money, buy now!! " * 400
    scripts = {
        "c1": [clean, clean, spammy, clean],
        "c2": [clean, spammy, clean],
        "c3": [clean, clean, clean, clean],
    }
    with ThreadPoolExecutor(max_workers=3) as pool:
        bcast = asyncio.create_task(broadcaster(outbox, pool, len(scripts)))
        await asyncio.gather(*(session(c, m, pool, outbox, stats) for c, m in scripts.items()))
        await outbox.put(None)
        saved = await bcast
    print("stats:", stats, "persisted:", saved)


if __name__ == "__main__":
    asyncio.run(main())
