"""Clickstream shards in JSON Lines overlap (at-least-once delivery); reader threads drop duplicates."""
import json
import os
import random
import tempfile
import threading

SHARDS = 3
EVENTS_PER_SHARD = 30_000
OVERLAP = 6_000          # events that the broker delivered to two shards

seen_ids = set()         # shared by all readers


class ShardReader(threading.Thread):
    def __init__(self, path, out_path):
        super().__init__(name=f"reader-{os.path.basename(path)}")
        self.path = path
        self.out_path = out_path
        self.parsed = 0
        self.kept = 0
        self.clicks_by_page = {}

    def run(self):
        with open(self.path) as src, open(self.out_path, "w") as dst:
            for line in src:  # expect: GIL001
                event = json.loads(line)
                self.parsed += 1  # ok: GIL002
                if event["id"] in seen_ids:  # expect: GIL003
                    continue
                seen_ids.add(event["id"])
                self.kept += 1  # ok: GIL002
                page = event["page"]
                self.clicks_by_page[page] = self.clicks_by_page.get(page, 0) + 1  # ok: GIL002
                dst.write(line)


def write_shards(workdir):
    rng = random.Random(7)
    pages = ["/home", "/search", "/item", "/cart", "/checkout"]
    events = [{"id": f"ev-{i:07d}", "user": rng.randint(1, 5000), "page": rng.choice(pages),
               "ts": 1_700_000_000 + i} for i in range(SHARDS * EVENTS_PER_SHARD - OVERLAP)]
    paths = []
    for s in range(SHARDS):
        mine = events[s::SHARDS]
        # redelivered events: the next shard's events show up here too
        mine += events[(s + 1) % SHARDS::SHARDS][: OVERLAP // SHARDS]
        rng.shuffle(mine)
        path = os.path.join(workdir, f"clicks-{s}.jsonl")
        with open(path, "w") as fh:
            for ev in mine:
                fh.write(json.dumps(ev) + "\n")
        paths.append(path)
    return paths, len(events)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="clicks-") as workdir:
        shard_paths, unique = write_shards(workdir)
        readers = [ShardReader(p, p.replace(".jsonl", ".dedup.jsonl")) for p in shard_paths]
        for r in readers:
            r.start()
        for r in readers:
            r.join()
        kept = sum(r.kept for r in readers)
        parsed = sum(r.parsed for r in readers)
        print(f"parsed {parsed} events")
        print(f"kept = {kept} (expected {unique})")
