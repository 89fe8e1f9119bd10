"""Fetch 30 (simulated) CDN assets, at most 4 in flight: sequential, Timer-staggered threads, process pool."""
import threading
import time
from concurrent.futures import ProcessPoolExecutor

URLS = [f"https://cdn.example.invalid/assets/{i % 18}.js" for i in range(30)]
LATENCY = 0.04

in_flight = threading.Semaphore(4)
stats_lock = threading.Lock()
cache = {}
stats = {"fetched": 0, "bytes": 0, "cache_hits": 0}


def fetch(url):
    for attempt in range(1, 4):  # ok: GIL001
        time.sleep(LATENCY * attempt)  # waiting on the network
        if not url.endswith("/13.js") or attempt == 2:
            return ("/* " + url + " */\n").encode() * 50
    raise TimeoutError(url)


def parse_length(body):
    if not body.startswith(b"/*"):
        raise ValueError("not a JavaScript asset")
    return len(body)


def fetch_cached(url):
    if url not in cache:  # expect: GIL003
        with in_flight:
            body = fetch(url)
            stats["fetched"] += 1  # expect: GIL002
        cache[url] = body
    else:
        with stats_lock:
            stats["cache_hits"] += 1  # ok: GIL002
    return cache[url]


def record_size(body):
    stats_lock.acquire()  # expect: GIL005
    stats["bytes"] += parse_length(body)  # ok: GIL002
    stats_lock.release()


def download_one(url):
    record_size(fetch_cached(url))


def reset():
    cache.clear()
    stats.update(fetched=0, bytes=0, cache_hits=0)


def run_threads():
    timers = [threading.Timer(i * 0.002, download_one, args=(url,)) for i, url in enumerate(URLS)]
    for t in timers:
        t.start()
    for t in timers:
        t.join()


def run_processes():
    with ProcessPoolExecutor(max_workers=4) as ex:
        for body in ex.map(fetch, URLS):
            stats["bytes"] += parse_length(body)  # ok: GIL002
            stats["fetched"] += 1  # ok: GIL002


if __name__ == "__main__":
    for name, fn in [("sequential", lambda: [download_one(u) for u in URLS]),
                     ("threads", run_threads),
                     ("processes", run_processes)]:
        reset()
        start = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - start
        print(f"{name:<10} {elapsed:.3f}s  fetched {stats['fetched']}  hits {stats['cache_hits']}  "
              f"bytes {stats['bytes']}")
