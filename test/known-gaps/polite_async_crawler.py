"""Polite async crawler: token-bucket pacing, robots rules, link extraction.

Pages are served from data: URLs so the demo runs offline; robots.txt and the
sitemap arrive over local socket pairs.
"""
import asyncio
import re
import socket
import time
import urllib.parse
import urllib.request

PAGES = {
    "/": "<a href='/docs'>docs</a> <a href='/blog'>blog</a> <a href='/private/x'>x</a>",
    "/docs": "<a href='/docs/api'>api</a> <a href='/'>home</a>",
    "/blog": "<a href='/blog/2024'>2024</a>",
    "/docs/api": "reference only",
    "/blog/2024": "<a href='/docs'>docs</a> <a href='/blog/2023'>2023</a>",
    "/blog/2023": "archive",
}
HREF = re.compile(r"href='([^']+)'")


class AsyncTokenBucket:
    def __init__(self, rate, burst):
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.updated = time.monotonic()

    async def take(self):
        while True:
            now = time.monotonic()
            self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
            self.updated = now
            if self.tokens >= 1:  # ok: GIL003
                self.tokens -= 1  # ok: GIL002
                return
            await asyncio.sleep((1 - self.tokens) / self.rate)  # ok: GIL004


def page_url(path):
    return "data:text/html," + urllib.parse.quote(PAGES.get(path, ""))


def fetch_blocking(path):
    with urllib.request.urlopen(page_url(path)) as resp:  # ok: GIL004
        return resp.read().decode()


async def fetch_inline(path):
    return urllib.request.urlopen(page_url(path)).read().decode()  # expect: GIL004


async def read_robots(sock):
    raw = sock.recv(4096)  # expect: GIL004
    return [ln.split(":", 1)[1].strip() for ln in raw.decode().splitlines() if ln.startswith("Disallow")]


async def crawl(start, max_pages):
    loop = asyncio.get_running_loop()
    robots_r, robots_w = socket.socketpair()
    sitemap_r, sitemap_w = socket.socketpair()
    robots_w.sendall(b"User-agent: *\nDisallow: /private\n")
    sitemap_w.sendall(b"/blog/2023\n")
    sitemap_r.setblocking(False)
    try:
        disallowed = await read_robots(robots_r)
        extra = (await loop.sock_recv(sitemap_r, 4096)).decode().split()  # ok: GIL004
    finally:
        for s in (robots_r, robots_w, sitemap_r, sitemap_w):
            s.close()

    bucket = AsyncTokenBucket(rate=300, burst=2)
    pages, seen, frontier = {}, set(), [start] + extra

    async def visit(path, offload):
        await bucket.take()
        html = await asyncio.to_thread(fetch_blocking, path) if offload else await fetch_inline(path)
        pages[path] = html
        return HREF.findall(html)

    while frontier and len(pages) < max_pages:
        batch = [p for p in dict.fromkeys(frontier) if p not in seen
                 and not any(p.startswith(d) for d in disallowed)]
        seen.update(batch)
        found = await asyncio.gather(*(visit(p, i % 2 == 0) for i, p in enumerate(batch)))
        frontier = [link for links in found for link in links]
    return pages, disallowed


def main():
    started = time.perf_counter()
    pages, disallowed = asyncio.run(crawl("/", max_pages=10))
    print(f"crawled {len(pages)} pages in {time.perf_counter() - started:.3f}s, skipped {disallowed}")
    for path in sorted(pages):
        print(f"  {path:<12} {len(pages[path]):>3} bytes")


if __name__ == "__main__":
    main()
