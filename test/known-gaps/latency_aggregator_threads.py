"""Async API with metric aggregator threads beside the event loop."""
import asyncio
import queue
import random
import threading

BUCKETS = 50
FLUSHED_SAMPLES = 0


def summarize(samples):
    hist = [0] * BUCKETS
    total = worst = 0.0
    for ms in samples:  # expect: GIL001
        idx = min(int(ms), BUCKETS - 1)
        hist[idx] += 1  # ok: GIL002
        total += ms
        if ms > worst:  # ok: GIL003
            worst = ms
    running, p99 = 0, BUCKETS
    for idx, n in enumerate(hist):  # ok: GIL001
        running += n
        if running >= 0.99 * len(samples):
            p99 = idx
            break
    return {"count": len(samples), "mean": total / len(samples), "p99": p99, "max": worst}


class Aggregator(threading.Thread):
    def __init__(self, name, inbox):
        super().__init__(name=name, daemon=True)
        self.inbox = inbox
        self.pending = []
        self.snapshot = {}
        self.flushes = 0
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.wait(0.02):  # ok: GIL001
            self.drain()
        self.drain()
        self.flush()

    def drain(self):
        while True:  # ok: GIL001
            try:
                self.pending.extend(self.inbox.get_nowait())
            except queue.Empty:
                return

    def flush(self):
        global FLUSHED_SAMPLES
        if not self.pending:
            return
        self.snapshot = summarize(self.pending)
        FLUSHED_SAMPLES += len(self.pending)  # expect: GIL002
        self.flushes += 1  # ok: GIL002
        self.pending = []


async def handle_batch(inbox, n, seed):
    rng = random.Random(seed)
    timings = [rng.expovariate(1 / 8.0) for _ in range(n)]  # ok: GIL001
    inbox.put(timings)  # ok: GIL004
    await asyncio.sleep(0.01)  # ok: GIL004
    return n


async def main():
    api_inbox, db_inbox = queue.Queue(), queue.Queue()
    aggregators = [Aggregator("agg-api", api_inbox), Aggregator("agg-db", db_inbox)]
    for agg in aggregators:
        agg.start()
    sent = await asyncio.gather(*(handle_batch(api_inbox if i % 2 else db_inbox, 30_000, i) for i in range(16)))
    for agg in aggregators:
        agg.stopping.set()
    await asyncio.gather(*(asyncio.to_thread(agg.join) for agg in aggregators))
    for agg in aggregators:
        print(agg.name, {k: round(v, 2) for k, v in agg.snapshot.items()})
    print(f"sent {sum(sent)} samples, flushed {FLUSHED_SAMPLES}")


if __name__ == "__main__":
    asyncio.run(main())
