"""Offline search index for the documentation site.

Pages come out of the archive through `unzip -p` (a child process per page), are
tokenised and inverted by three shard builders (threads, pure Python), weighted on a
thread pool, and the posting lists are varint-packed in worker processes.
"""
import concurrent.futures as cf
import math
import re
import subprocess
import threading
from collections import defaultdict
from functools import partial

ARCHIVE = "/srv/site/docs-html.zip"
TOKEN = re.compile(r"[a-z0-9]+")
STOPWORDS = frozenset({"the", "a", "an", "and", "or", "of", "to", "in", "is"})
vocabulary = {}
stats = {"tokens": 0, "pages": 0}


def extract(archive, member):
    return subprocess.run(["unzip", "-p", archive, member], capture_output=True, check=True).stdout


def extract_many(archive, members, out):
    for member in members:  # ok: GIL001
        out[member] = extract(archive, member).decode("utf-8", "replace")


def tokens(html):
    text = re.sub(r"<[^>]+>", " ", html).lower()
    return [t for t in TOKEN.findall(text) if t not in STOPWORDS]


class ShardBuilder:
    def __init__(self, shard_id):
        self.shard_id = shard_id
        self.postings = defaultdict(list)
        self.docs = 0

    def add(self, doc_id, html):
        positions = defaultdict(list)
        toks = tokens(html)
        for pos, tok in enumerate(toks):
            positions[tok].append(pos)
        for tok, where in positions.items():
            if tok not in vocabulary:  # expect: GIL003
                vocabulary[tok] = len(vocabulary)
            self.postings[tok].append((doc_id, len(where)))
        self.docs += 1  # ok: GIL002
        stats["tokens"] += len(toks)  # expect: GIL002

    def build(self, pages):
        for doc_id, html in pages:  # expect: GIL001
            self.add(doc_id, html)


def idf_weights(terms, postings, n_docs):
    return {t: math.log(1 + (n_docs - len(postings[t]) + 0.5) / (len(postings[t]) + 0.5)) for t in terms}  # expect: GIL001


def varint_pack(plist):
    out, prev = bytearray(), 0
    for doc_id, freq in sorted(plist):  # ok: GIL001
        for value in (doc_id - prev, freq):
            while value >= 0x80:
                out.append((value & 0x7F) | 0x80)
                value >>= 7
            out.append(value)
        prev = doc_id
    return bytes(out)


def main():
    listing = subprocess.run(["unzip", "-Z1", ARCHIVE], capture_output=True, text=True, check=True).stdout
    members = [m for m in listing.splitlines() if m.endswith(".html")]
    raw = {}
    half = len(members) // 2
    extractors = [threading.Thread(target=partial(extract_many, ARCHIVE), args=(part, raw))
                  for part in (members[:half], members[half:])]
    for t in extractors:
        t.start()
    for t in extractors:
        t.join()
    stats["pages"] += len(raw)  # ok: GIL002

    builders = [ShardBuilder(k) for k in range(3)]
    pages = list(enumerate(raw.values()))
    threads = [threading.Thread(target=b.build, args=(pages[k::3],)) for k, b in enumerate(builders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    merged = defaultdict(list)
    for b in builders:  # ok: GIL001
        for tok, plist in b.postings.items():
            merged[tok].extend(plist)

    terms = sorted(merged)
    pool = cf.ThreadPoolExecutor(max_workers=4)
    futures = [pool.submit(lambda part=part: idf_weights(part, merged, len(raw))) for part in
               (terms[i::4] for i in range(4))]
    weights = {}
    for f in cf.as_completed(futures):
        weights.update(f.result())
    pool.shutdown()

    with cf.ProcessPoolExecutor() as procs:
        packed = dict(zip(terms, procs.map(varint_pack, [merged[t] for t in terms], chunksize=512)))
    print(f"{stats} {len(vocabulary)} terms, {sum(map(len, packed.values()))} bytes of postings")


if __name__ == "__main__":
    main()
