"""asyncio crawler: URL feeder -> fetcher tasks -> parser task -> archive writes in a worker thread."""
import asyncio
import os
import socket
import tempfile
import time

PAGES = 24
FETCHERS = 3
CRAWL_DELAY = 0.02


def load_robots(sock):
    data = sock.recv(4096)  # expect: GIL004
    return [line.split(":", 1)[1].strip() for line in data.decode().splitlines()
            if line.lower().startswith("disallow:")]


def polite_delay(host, last_hit):
    wait = CRAWL_DELAY - (time.monotonic() - last_hit.get(host, 0.0))
    if wait > 0:
        time.sleep(wait)  # expect: GIL004
    last_hit[host] = time.monotonic()


def save_page(directory, url, body):
    path = os.path.join(directory, url.rsplit("/", 1)[-1] + ".html")
    with open(path, "w") as fh:
        fh.write(body)
    time.sleep(0.002)  # ok: GIL004
    return path


async def feeder(urls, url_q):
    for url in urls:
        await url_q.put(url)
    for _ in range(FETCHERS):
        await url_q.put(None)


async def fetcher(url_q, page_q, blocked, last_hit, stats):
    while True:
        url = await url_q.get()
        if url is None:
            await page_q.put(None)
            return
        if any(url.startswith(prefix) for prefix in blocked):
            stats["skipped"] += 1  # ok: GIL002
            continue
        polite_delay("shop.example.test", last_hit)
        await asyncio.sleep(0.01)  # ok: GIL004
        body = "".join(f"<a href='/item/{i}'>item {i}</a>\n" for i in range(40))
        await page_q.put((url, body))


async def parser(page_q, archive_dir, links, stats):
    finished = 0
    while finished < FETCHERS:  # ok: GIL001
        item = await page_q.get()
        if item is None:
            finished += 1
            continue
        url, body = item
        links[url] = body.count("<a ")  # ok: GIL002
        stats["pages"] += 1  # ok: GIL002
        await asyncio.to_thread(save_page, archive_dir, url, body)


async def main():
    here, robots_peer = socket.socketpair()
    robots_peer.sendall(b"User-agent: *\nDisallow: /private\nDisallow: /cart\n")
    blocked = ["https://shop.example.test" + p for p in load_robots(here)]
    urls = [f"https://shop.example.test/{section}/page{i}"
            for i in range(PAGES // 3) for section in ("catalog", "cart", "private")]
    url_q, page_q = asyncio.Queue(maxsize=8), asyncio.Queue(maxsize=8)
    links, last_hit, stats = {}, {}, {"pages": 0, "skipped": 0}
    with tempfile.TemporaryDirectory() as archive_dir:
        start = time.perf_counter()
        await asyncio.gather(feeder(urls, url_q),
                             *(fetcher(url_q, page_q, blocked, last_hit, stats) for _ in range(FETCHERS)),
                             parser(page_q, archive_dir, links, stats))
        elapsed = time.perf_counter() - start
        archived = len(os.listdir(archive_dir))
    here.close()
    robots_peer.close()
    print(f"crawled {stats['pages']} pages, skipped {stats['skipped']}, archived {archived} "
          f"in {elapsed:.2f}s ({sum(links.values())} links)")


if __name__ == "__main__":
    asyncio.run(main())
