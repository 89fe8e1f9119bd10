"""Offline crawler simulation: CONFIG says how many threads play each role;
the role's function comes from a table and is wrapped in a lambda target."""
import queue
import threading
import time

CONFIG = {
    "roles": {"fetch": 2, "index": 1},
    "crawl_delay": 0.003,        # politeness delay per fetched URL
    "page_repeat": 1_500,        # each page is the 20-word vocabulary x 1500 = 30k words
}

VOCAB = ["price", "stock", "order", "ship", "return", "refund", "cart", "user", "login", "search",
         "filter", "brand", "size", "color", "review", "rating", "coupon", "sale", "gift", "track"]
URLS = [f"https://shop.example.test/p/{i % 5}" for i in range(8)]   # 8 links, 5 distinct

SEEN = set()
POSTINGS = {}
FETCHED = queue.Queue()


def fetch_worker(worker_id, frontier, pages):
    while True:  # ok: GIL001
        url = frontier.get()
        if url is None:
            pages.put(None)
            break
        if url not in SEEN:  # expect: GIL003
            SEEN.add(url)
            time.sleep(CONFIG["crawl_delay"])
            pages.put((url, (" ".join(VOCAB) + " ") * CONFIG["page_repeat"]))
            FETCHED.put((worker_id, url))


def index_worker(worker_id, frontier, pages):
    collected, finished = [], 0
    while finished < CONFIG["roles"]["fetch"]:
        item = pages.get()
        if item is None:
            finished += 1
        else:
            collected.append(item)
    for url, text in collected:  # expect: GIL001
        for token in text.split():
            POSTINGS[token] = POSTINGS.get(token, 0) + 1  # ok: GIL002


ROLE_TABLE = {"fetch": fetch_worker, "index": index_worker}


def main():
    frontier, pages = queue.Queue(), queue.Queue()
    for url in URLS:
        frontier.put(url)
    for _ in range(CONFIG["roles"]["fetch"]):
        frontier.put(None)
    threads = []
    for role, count in CONFIG["roles"].items():
        for i in range(count):
            threads.append(threading.Thread(
                target=lambda fn=ROLE_TABLE[role], n=i: fn(n, frontier, pages), name=f"{role}-{i}"))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("distinct pages seen:", len(SEEN), "fetches:", FETCHED.qsize())
    print("top terms:", sorted(POSTINGS.items(), key=lambda kv: -kv[1])[:3])


if __name__ == "__main__":
    main()
