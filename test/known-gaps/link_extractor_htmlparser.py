#!/usr/bin/env python3
"""Parse simulated pages with html.parser, collect outlinks and content fingerprints."""
import threading
import time
from html.parser import HTMLParser
from urllib.parse import urlsplit

HOSTS = ["blog.sample", "wiki.sample", "forum.sample"]


def make_page(i):
    links = "".join(f'<a href="https://{HOSTS[(i + k) % 3]}/p/{i + k}">l</a>' for k in range(1, 4))
    para = f"<p>Paragraph {i} about crawling, parsing and politeness. </p>" * 300
    return f"<html><body>{links}{para}</body></html>"


PAGES = {f"https://{HOSTS[i % 3]}/p/{i}": make_page(i) for i in range(12)}

pages_per_host = {}
outlinks = []
outlinks_lock = threading.Lock()
fingerprints = {}
distinct_fps = 0


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_data(self, data):
        self.text.append(data)


def fingerprint(text):
    h = 0
    for ch in text:  # expect: GIL001
        h = (h * 131 + ord(ch)) % 1_000_000_007
    return h


def fetch(url):
    time.sleep(0.01)  # simulated HTTP GET
    return PAGES[url]


class PageWorker(threading.Thread):
    def __init__(self, urls):
        super().__init__()
        self.urls = urls
        self.parsed = 0

    def run(self):
        global distinct_fps
        for url in self.urls:
            parser = LinkParser()
            parser.feed(fetch(url))
            host = urlsplit(url).netloc
            pages_per_host[host] = pages_per_host.get(host, 0) + 1  # expect: GIL002
            fp = fingerprint("".join(parser.text))
            with outlinks_lock:
                outlinks.extend(parser.links)
                fingerprints[url] = fp
                distinct_fps = len(set(fingerprints.values()))
            self.parsed += 1  # ok: GIL002


def main():
    urls = sorted(PAGES)
    workers = [PageWorker(urls[i::4]) for i in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    by_host = {}
    for link in outlinks:  # ok: GIL001
        host = urlsplit(link).netloc
        by_host[host] = by_host.get(host, 0) + 1  # ok: GIL002
    print("pages per host:", pages_per_host)
    print("outlinks per host:", by_host)
    print(f"{distinct_fps} distinct fingerprints over {sum(w.parsed for w in workers)} pages")


if __name__ == "__main__":
    main()
