"""Post-fetch stage of the crawler: parse stored pages and score near-duplicates.

Pages already downloaded by the fetchers are parsed on a thread pool
(link extraction with a hand-written tag scanner, robots.txt checks per host),
then near-duplicate detection by word shingles runs on a process pool.
"""
import functools
import logging
import random
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from urllib.parse import urljoin, urlsplit

log = logging.getLogger("crawler.parse")

_robots_cache = {}
WORDS = ("index", "release", "notes", "kernel", "build", "deploy", "metrics", "search",
         "cluster", "storage", "config", "rollback", "oncall", "runbook", "latency")


def timed(label):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                log.debug("%s %s: %.1f ms", label, fn.__name__, (time.perf_counter() - t0) * 1e3)
        return wrapper
    return decorate


def make_page(seed, paragraphs=60):
    rng = random.Random(seed)
    chunks = ["<html><head><title>page %d</title></head><body>" % seed]
    for p in range(paragraphs):
        words = " ".join(rng.choice(WORDS) for _ in range(12))
        href = "/docs/%s/%d" % (rng.choice(WORDS), rng.randint(0, 500))
        chunks.append('<p class="c%d">%s <a href="%s">more</a></p>' % (p % 3, words, href))
    chunks.append("</body></html>")
    return "".join(chunks)


def fetch_robots(host):
    time.sleep(0.004)  # GET http://host/robots.txt
    return ("/private/", "/tmp/") if host.startswith("git") else ("/private/",)


def allowed(url):
    host = urlsplit(url).hostname
    if host not in _robots_cache:  # expect: GIL003
        _robots_cache[host] = fetch_robots(host)
    path = urlsplit(url).path
    return not any(path.startswith(prefix) for prefix in _robots_cache[host])


def extract_links(base, html):
    """Scan the markup once; collect absolute hrefs of <a> tags."""
    links = []
    i, n = 0, len(html)
    while i < n:  # expect: GIL001
        if html[i] == "<" and html[i + 1:i + 3] == "a ":
            j = i + 3
            while html[j] != ">":
                if html.startswith('href="', j):
                    k = j + 6
                    while html[k] != '"':
                        k += 1
                    links.append(urljoin(base, html[j + 6:k]))
                    j = k
                j += 1
            i = j
        i += 1
    return links


@timed("parse")
def parse_page(item, *, max_links):
    url, html = item
    if not allowed(url):
        return url, []
    links = extract_links(url, html)
    return url, links[:max_links]


def shingles(text, k=4):
    words = text.split()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def similarity_row(args):
    """Jaccard similarity of one page against all others (runs in a child process)."""
    idx, texts = args
    mine = shingles(texts[idx])
    row = []
    for j, other in enumerate(texts):  # ok: GIL001
        if j == idx:
            continue
        theirs = shingles(other)
        row.append(len(mine & theirs) / max(1, len(mine | theirs)))
    return idx, max(row)


def strip_tags(html):
    out, inside = [], False
    for ch in html:  # ok: GIL001
        if ch == "<":
            inside = True
        elif ch == ">":
            inside = False
            out.append(" ")
        elif not inside:
            out.append(ch)
    return "".join(out)


def run(pages, threads=4, processes=2):
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="parse") as pool:
        parsed = dict(pool.map(functools.partial(parse_page, max_links=40), pages.items()))

    texts = [strip_tags(html)[:6000] for html in pages.values()]
    with ProcessPoolExecutor(max_workers=processes) as procs:
        scores = dict(procs.map(similarity_row, [(i, texts) for i in range(len(texts))]))
    return parsed, scores


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(processName)s %(threadName)s %(message)s")
    hosts = ("wiki.corp", "git.corp", "docs.corp")
    pages = {
        f"http://{hosts[i % 3]}/page/{i}": make_page(i if i % 5 else 0, paragraphs=400)
        for i in range(24)
    }
    started = time.perf_counter()
    parsed, scores = run(pages)
    elapsed = time.perf_counter() - started
    total_links = sum(len(v) for v in parsed.values())
    dupes = sorted(i for i, s in scores.items() if s > 0.95)
    log.info("parsed %d pages, %d links kept, robots cached for %s",
             len(parsed), total_links, sorted(_robots_cache))
    log.info("near-duplicates: %s (%.2f s)", dupes, elapsed)
