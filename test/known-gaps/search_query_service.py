"""Search API: queries are ranked in worker threads against documents indexed at start-up."""
import asyncio
import math
import os
import tempfile
from collections import Counter

VOCAB = ("cache queue thread lock socket async await event loop latency throughput "
         "kernel buffer packet router index shard replica leader follower quorum").split()
N_DOCS = 40_000


def build_corpus(n):
    docs = []
    for d in range(n):  # ok: GIL001
        docs.append(Counter(VOCAB[(d * 7 + j * 13 + j * j) % len(VOCAB)] for j in range(8 + d % 11)))
    return docs


class SearchService:
    def __init__(self, docs, log_path):
        self.docs = docs
        self.df = Counter(term for doc in docs for term in doc)  # ok: GIL001
        self.cache = {}
        self.log_path = log_path
        self.log_lock = asyncio.Lock()
        self.logged = 0

    def search(self, query):
        if query not in self.cache:  # expect: GIL003
            self.cache[query] = self._rank(query.split())
        return self.cache[query]

    def _rank(self, terms):
        n = len(self.docs)
        idf = {t: math.log(n / (1 + self.df[t])) for t in terms}  # ok: GIL001
        scored = []
        for doc_id, tf in enumerate(self.docs):  # expect: GIL001
            score = 0.0
            for t in terms:
                score += tf[t] * idf[t]  # ok: GIL002
            if score > 0:
                scored.append((score, doc_id))
        scored.sort(reverse=True)
        return scored[:5]

    def append_log(self, query, hits):
        with open(self.log_path, "a") as fh:
            fh.write(f"{query}\t{hits}\n")  # ok: GIL004
        self.logged += 1  # ok: GIL002

    async def handle(self, query):
        hits = await asyncio.to_thread(self.search, query)
        async with self.log_lock:
            await asyncio.to_thread(self.append_log, query, len(hits))
        return query, hits


async def main(service, queries):
    for query, hits in await asyncio.gather(*(service.handle(q) for q in queries)):
        print(f"{query!r:>24}: top docs {[doc for _, doc in hits]}")
    print(f"{len(service.cache)} cached rankings, {service.logged} queries logged")


if __name__ == "__main__":
    corpus = build_corpus(N_DOCS)
    with tempfile.TemporaryDirectory() as tmp:
        svc = SearchService(corpus, os.path.join(tmp, "queries.log"))
        asyncio.run(main(svc, ["lock thread", "socket packet router", "lock thread",
                               "quorum leader", "cache shard replica"]))
