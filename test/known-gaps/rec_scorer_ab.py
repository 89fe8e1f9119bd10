"""Offline A/B replay of ranking variants over logged traffic.

Each variant is a linear scorer built by a factory (a closure over its
weights).  Logged requests are sharded across threads; every shard assigns
each request to a variant by user bucket, ranks the candidates and simulates a
click.  Impressions and clicks are tallied per variant.
"""
import collections
import hashlib
import itertools
import logging
import random
import threading
import time

log = logging.getLogger("abreplay")

FEATURE_NAMES = ("recency", "ctr_7d", "price_z", "affinity", "quality", "novelty", "brand", "dist")


def make_scorer(weights, bias=0.0):
    """Return a scoring function closed over one variant's weights."""

    def score(features):
        s = bias
        for name, value in features.items():
            s += weights.get(name, 0.0) * value
        return s

    score.weights = dict(weights)
    return score


def generate_traffic(n_requests, n_candidates, seed=1):
    """Yield logged requests; consumed once by the main thread into a list."""
    rng = random.Random(seed)
    for i in range(n_requests):  # ok: GIL001
        user = f"u{rng.randrange(5000)}"
        candidates = [
            {"item": f"i{rng.randrange(10**6)}",
             "features": {name: rng.random() for name in FEATURE_NAMES}}
            for _ in range(n_candidates)
        ]
        yield {"id": i, "user": user, "candidates": candidates}


class ShardState(threading.local):
    """Per-thread scratch state: RNG and counters, created lazily per thread."""

    def __init__(self):
        self.rng = random.Random(threading.get_ident())
        self.served = 0


class ExperimentReplay:
    def __init__(self, variants, traffic):
        self.variants = variants  # name -> scorer closure
        self.traffic = traffic  # read-only after construction
        self.impressions = {name: 0 for name in variants}
        self.clicks = collections.Counter()
        self._merge_lock = threading.Lock()
        self._local = ShardState()
        self.served_per_shard = {}

    def assign(self, user):
        bucket = int(hashlib.md5(user.encode()).hexdigest()[:8], 16) % 100
        names = sorted(self.variants)
        return names[bucket * len(names) // 100]

    def serve_shard(self, shard, n_shards):
        state = self._local
        local_clicks = collections.Counter()
        for req in itertools.islice(self.traffic, shard, None, n_shards):  # expect: GIL001
            variant = self.assign(req["user"])
            scorer = self.variants[variant]
            ranked = sorted(req["candidates"], key=lambda c: scorer(c["features"]), reverse=True)
            self.impressions[variant] += 1  # expect: GIL002
            state.served += 1  # ok: GIL002
            top = ranked[0]["features"]
            if state.rng.random() < 0.2 + 0.5 * top["affinity"] * top["quality"]:
                local_clicks[variant] += 1  # ok: GIL002
        with self._merge_lock:
            self.clicks.update(local_clicks)
            self.served_per_shard[shard] = state.served

    def run(self, n_shards):
        threads = [
            threading.Thread(target=lambda s=s: self.serve_shard(s, n_shards), name=f"shard-{s}")
            for s in range(n_shards)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    def summary(self):
        rows = []
        for name in sorted(self.variants):
            shown = self.impressions[name]
            rows.append((name, shown, self.clicks[name], self.clicks[name] / max(shown, 1)))
        return rows


def build_variants():
    base = {"recency": 0.3, "ctr_7d": 1.0, "price_z": -0.2, "affinity": 0.8, "quality": 0.5}
    bold = dict(base, affinity=1.4, novelty=0.3)
    cheap = dict(base, price_z=-0.9, brand=0.1)
    return {
        "control": make_scorer(base),
        "affinity_boost": make_scorer(bold, bias=0.05),
        "price_sensitive": make_scorer(cheap),
    }


def main():
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    t0 = time.perf_counter()
    traffic = list(generate_traffic(5000, 24))
    t1 = time.perf_counter()
    replay = ExperimentReplay(build_variants(), traffic)
    replay.run(n_shards=3)
    t2 = time.perf_counter()
    log.info("generated %d requests in %.0f ms, replayed in %.0f ms",
             len(traffic), (t1 - t0) * 1000, (t2 - t1) * 1000)
    total = sum(replay.impressions.values())
    print(f"impressions counted: {total} / {len(traffic)}")
    for name, shown, clicks, ctr in replay.summary():
        print(f"  {name:16s} shown={shown:5d} clicks={clicks:5d} ctr={ctr:.3f}")
    print("served per shard:", dict(sorted(replay.served_per_shard.items())))


if __name__ == "__main__":
    main()
