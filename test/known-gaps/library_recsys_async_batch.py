"""Library book recommendation API (asyncio): for each patron request it loads the
reading profile, ranks candidate books by cosine similarity in a thread pool and
attaches cover metadata from the local mirror."""
import asyncio
import json
import math
import os
import random
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

DIM = 48
rng = random.Random(17)
BOOKS = {}
for i in range(1500):  # ok: GIL001
    BOOKS[f"bk{i:04d}"] = [rng.gauss(0, 1) for _ in range(DIM)]
metrics = {"ranked": 0, "candidates": 0}
served = {"requests": 0}


def load_profile(patron):
    time.sleep(0.002)  # expect: GIL004
    prng = random.Random(patron)
    return [prng.gauss(0, 1) for _ in range(DIM)]


def rank_candidates(profile, candidates, k=5):
    pnorm = math.sqrt(sum(x * x for x in profile))
    scored = []
    for isbn, vec in candidates:  # expect: GIL001
        dot = sum(a * b for a, b in zip(profile, vec))
        norm = math.sqrt(sum(b * b for b in vec))
        scored.append((dot / (pnorm * norm), isbn))
    metrics["ranked"] += 1  # expect: GIL002
    metrics["candidates"] = metrics["candidates"] + len(candidates)  # expect: GIL002
    return [isbn for _, isbn in sorted(scored, reverse=True)[:k]]


def log_request(path, patron, picks):
    time.sleep(0.003)  # ok: GIL004
    with open(path, "a") as fh:
        fh.write(json.dumps({"patron": patron, "picks": picks}) + "\n")


async def handle(patron, pool, covers_url, log_path):
    loop = asyncio.get_running_loop()
    profile = load_profile(patron)
    picks = await loop.run_in_executor(pool, rank_candidates, profile, list(BOOKS.items()))
    covers = json.loads(urllib.request.urlopen(covers_url).read())  # expect: GIL004
    await asyncio.to_thread(log_request, log_path, patron, picks)
    await asyncio.sleep(0.002)  # ok: GIL004
    served["requests"] += 1  # ok: GIL002
    return patron, [(isbn, covers.get(isbn, "no-cover.png")) for isbn in picks]


async def main(tmp):
    covers_path = os.path.join(tmp, "covers.json")
    with open(covers_path, "w") as fh:
        json.dump({isbn: f"covers/{isbn}.jpg" for isbn in list(BOOKS)[::3]}, fh)
    covers_url = "file://" + urllib.request.pathname2url(covers_path)
    log_path = os.path.join(tmp, "requests.jsonl")
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = await asyncio.gather(*(handle(f"patron{p}", pool, covers_url, log_path)
                                         for p in range(12)))
    for patron, picks in results[:3]:
        print(patron, picks[:2])
    print(f"served {served['requests']} requests; ranked {metrics['ranked']} "
          f"({metrics['candidates']} candidates scored)")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        asyncio.run(main(tmp))
        print(f"took {time.perf_counter() - t0:.2f}s")
