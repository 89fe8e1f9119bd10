#!/usr/bin/env python3
"""Receive text lines over a local socket, strip stopwords in an executor, report keywords."""
import asyncio
import socket
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

STOPWORDS = frozenset("""a an and are as at be but by for from has in is it of on or
that the this to was were will with not no we our you your they""".split())
LINES = [
    "The release notes for version two are now available on the website.",
    "We fixed a crash in the tokenizer that was reported by our users.",
    "Performance of the search index improved by thirty percent.",
    "Please update your client to the latest version this week.",
] * 60


def make_channel(lines):
    sender, receiver = socket.socketpair()
    sender.sendall(("\n".join(lines) + "\n").encode())  # ok: GIL004
    sender.close()
    return receiver


def filter_tokens(text):
    kept = []
    for tok in text.split():  # expect: GIL001
        word = tok.strip(".,!?;:").lower()
        if word and word not in STOPWORDS:
            kept.append(word)
    return kept


async def read_lines_blocking(sock):
    chunks = []
    while True:
        data = sock.recv(1024)  # expect: GIL004
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks).decode().splitlines()


async def read_lines_async(sock):
    loop = asyncio.get_running_loop()
    sock.setblocking(False)
    chunks = []
    while True:
        data = await loop.sock_recv(sock, 1024)  # ok: GIL004
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks).decode().splitlines()


async def keywords_for(lines, pool):
    loop = asyncio.get_running_loop()
    batches = await asyncio.gather(*(loop.run_in_executor(pool, filter_tokens, ln) for ln in lines))
    counts = Counter()
    for kept in batches:
        counts.update(kept)
    return counts


async def main(legacy_sock, modern_sock):
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="filter") as pool:
        legacy = await read_lines_blocking(legacy_sock)
        modern = await read_lines_async(modern_sock)
        counts = await keywords_for(legacy + modern, pool)
    print(f"received {len(legacy)} + {len(modern)} lines")
    for word, n in counts.most_common(6):
        print(f"  {word:<12} {n}")


if __name__ == "__main__":
    a = make_channel(LINES)
    b = make_channel(LINES[:40])
    try:
        asyncio.run(main(a, b))
    finally:
        a.close()
        b.close()
