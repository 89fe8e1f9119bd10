"""Build a SKU price registry and a title token index from catalog JSON lines."""
import _thread
import json
import queue
import random
import re
from decimal import Decimal, ROUND_HALF_UP
import threading

INDEXERS = 4
PRODUCTS = 800
STOPWORDS = frozenset({"the", "and", "for", "with", "of"})
CENT = Decimal("0.01")
ADJECTIVES = ["steel", "bamboo", "compact", "wireless", "ceramic", "outdoor"]
NOUNS = ["kettle", "lamp", "router", "chair", "speaker", "planter"]

sku_registry = {}
registry_lock = threading.Lock()
token_index = {}


def make_catalog(n, seed=21):
    rng = random.Random(seed)
    lines = []
    for _ in range(n):
        title = f"The {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} with {rng.choice(ADJECTIVES)} trim"
        lines.append(json.dumps({
            "sku": f"SKU{rng.randint(1, 500):05d}",
            "title": title,
            "price": f"{rng.uniform(4, 250):.3f}",
        }))
    return lines


def tokenize(title):
    return [w for w in re.findall(r"[a-z]+", title.lower()) if w not in STOPWORDS]


def normalize_price(raw):
    return Decimal(raw).quantize(CENT, rounding=ROUND_HALF_UP)


def register(item):
    registry_lock.acquire()  # expect: GIL005
    previous = sku_registry.get(item["sku"])
    sku_registry[item["sku"]] = normalize_price(item["price"])
    registry_lock.release()
    return previous


def index_batch(worker_id, lines, done):
    repriced = 0
    try:
        for line in lines:
            item = json.loads(line)
            if register(item) is not None:
                repriced += 1
            for token in tokenize(item["title"]):
                if token not in token_index:  # expect: GIL003
                    token_index[token] = set()
                token_index[token].add(item["sku"])
    finally:
        done.put((worker_id, repriced))


def main():
    catalog = make_catalog(PRODUCTS)
    done = queue.Queue()
    share = len(catalog) // INDEXERS + 1
    for w in range(INDEXERS):
        _thread.start_new_thread(index_batch, (w, catalog[w * share:(w + 1) * share], done))

    repriced = 0
    for _ in range(INDEXERS):
        _worker, n = done.get(timeout=10)
        repriced += n

    print(f"{len(sku_registry)} SKUs registered, {repriced} repriced entries")
    for token in sorted(token_index, key=lambda t: len(token_index[t]), reverse=True)[:6]:
        print(f"  {token:<9} {len(token_index[token])} skus")
    cheapest = min(sku_registry, key=sku_registry.get)
    print(f"cheapest: {cheapest} at {sku_registry[cheapest]}")


if __name__ == "__main__":
    main()
