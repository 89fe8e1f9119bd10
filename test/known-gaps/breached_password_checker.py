#!/usr/bin/env python3
"""Screen sign-up passwords against a local breach corpus (HIBP-style).

The corpus is a file of SHA-1 hashes, indexed by 5-hex-digit prefix.  An
asyncio front end batches candidate passwords and offloads the hashing to a
thread pool so the event loop keeps serving.
"""
import asyncio
import hashlib
import os
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

BREACHED = ["password", "123456", "qwerty", "letmein", "dragon", "monkey", "Summer2024!"]


def build_corpus(path, filler):
    with open(path, "w", encoding="utf-8") as fh:
        for word in BREACHED + [f"filler{i}" for i in range(filler)]:
            fh.write(hashlib.sha1(word.encode()).hexdigest().upper() + "\n")


def load_corpus(path):
    index = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:  # ok: GIL001
            digest = line.strip()
            index.setdefault(digest[:5], set()).add(digest[5:])
    return index


class BreachScreen:
    def __init__(self, index):
        self.index = index
        self.lock = threading.Lock()
        self.flagged = 0
        self.first_seen = {}

    def note(self, password, batch_no):
        with self.lock:
            if password not in self.first_seen:  # ok: GIL003
                self.first_seen[password] = batch_no

    def check_batch(self, batch_no, passwords):
        hits = []
        for pw in passwords:  # expect: GIL001
            digest = hashlib.sha1(pw.encode()).hexdigest().upper()
            if digest[5:] in self.index.get(digest[:5], ()):
                hits.append(pw)
                self.note(pw, batch_no)
        with self.lock:
            self.flagged += len(hits)  # ok: GIL002
        return hits


async def screen_signups(screen, signups, batch_size):
    loop = asyncio.get_running_loop()
    batches = [signups[i:i + batch_size] for i in range(0, len(signups), batch_size)]
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="screen") as pool:
        jobs = [loop.run_in_executor(pool, screen.check_batch, n, b) for n, b in enumerate(batches)]  # ok: GIL004
        results = await asyncio.gather(*jobs)
    await asyncio.sleep(0)  # ok: GIL004
    return sorted({pw for hits in results for pw in hits})


async def main():
    path = os.path.join(tempfile.mkdtemp(prefix="breach-"), "corpus.txt")
    build_corpus(path, 20_000)
    screen = BreachScreen(load_corpus(path))
    signups = [f"user{i}-Pass!{i * 7919 % 10_007}" for i in range(6_000)]
    signups[::900] = ["letmein", "dragon", "qwerty", "Summer2024!", "letmein", "password", "123456"]
    rejected = await screen_signups(screen, signups, batch_size=500)
    print(f"screened {len(signups)} passwords; flagged {screen.flagged} submissions")
    print("breached passwords seen:", ", ".join(rejected))
    print("first batch per password:", dict(sorted(screen.first_seen.items())))


if __name__ == "__main__":
    asyncio.run(main())
