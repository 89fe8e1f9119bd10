"""Thumbnail pipeline: fetch (simulated I/O) + downscale (pure Python), run
with a thread pool and with asyncio, printing wall time for each mode."""
import asyncio
import random
import time
from concurrent.futures import ThreadPoolExecutor

URLS = [f"https://img.example/{i % 9}.raw" for i in range(18)]
FETCH_DELAY = 0.02
thumb_cache = {}
fetch_count = {"threads": 0, "async": 0}


def fake_pixels(url, size=48 * 48):
    return list(random.Random(url).randbytes(size))


def fetch_blocking(url):
    time.sleep(FETCH_DELAY)  # ok: GIL004
    return fake_pixels(url)


def downscale(pixels, factor=4):
    out = []
    for i in range(0, len(pixels), factor):  # expect: GIL001
        out.append(sum(pixels[i:i + factor]) // factor)
    return out


def thumb_via_threads(url):
    if url not in thumb_cache:  # expect: GIL003
        fetch_count["threads"] += 1  # expect: GIL002
        thumb_cache[url] = downscale(fetch_blocking(url))
    return thumb_cache[url]


def read_sidecar(url):
    time.sleep(0.002)  # expect: GIL004
    return {"url": url, "orientation": 0}


async def fetch_async(url):
    await asyncio.sleep(FETCH_DELAY)  # ok: GIL004
    meta = read_sidecar(url)
    fetch_count["async"] += 1  # ok: GIL002
    return meta, fake_pixels(url)


async def thumb_via_asyncio(url):
    meta, pixels = await fetch_async(url)
    thumb = await asyncio.to_thread(downscale, pixels)
    return meta["url"], thumb


async def run_async():
    return await asyncio.gather(*(thumb_via_asyncio(u) for u in URLS))


def main():
    start = time.perf_counter()
    seq = [downscale(fetch_blocking(u)) for u in URLS[:6]]
    print(f"sequential (6 urls): {time.perf_counter() - start:.3f}s")

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=6) as pool:
        thumbs = list(pool.map(thumb_via_threads, URLS))
    print(f"threads: {len(thumbs)} thumbs in {time.perf_counter() - start:.3f}s, "
          f"fetches={fetch_count['threads']} (9 unique urls)")

    start = time.perf_counter()
    results = asyncio.run(run_async())
    print(f"asyncio: {len(results)} thumbs in {time.perf_counter() - start:.3f}s, "
          f"fetches={fetch_count['async']}")
    assert results[0][1] == seq[0] == thumbs[0]


if __name__ == "__main__":
    main()
