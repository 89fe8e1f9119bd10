"""Async bid intake for the resale marketplace.

Bids arrive as JSON lines on a stream (a socketpair stands in for the edge
proxy). Each bid is checked against the live price book, which a separate
feed thread keeps updated, and screened by the fraud service before it is
accepted. Accepted bids are flushed to the settlement store in batches.
"""
import asyncio
import json
import logging
import random
import socket
import threading
import time
from dataclasses import dataclass, asdict

log = logging.getLogger("resale.bids")


@dataclass
class Bid:
    bid_id: str
    event_id: str
    buyer: str
    cents: int


class PriceBook:
    FLOOR_CENTS = 1_000

    def __init__(self, prices):
        self._prices = dict(prices)
        self._lock = threading.Lock()
        self.version = 0

    def _validate(self, event_id, cents):
        if cents < self.FLOOR_CENTS:
            raise ValueError(f"{event_id}: price {cents} below floor")
        return cents

    def update(self, event_id, cents):
        self._lock.acquire()  # ok: GIL005
        try:
            self._prices[event_id] = self._validate(event_id, cents)
            self.version += 1  # ok: GIL002
        finally:
            self._lock.release()

    def quote(self, event_id):
        self._lock.acquire()  # expect: GIL005
        cents = self._validate(event_id, self._prices[event_id])
        self._lock.release()
        return cents


def price_feed(book, events, stop, seed=9):
    """Market-data thread: nudges prices every few milliseconds."""
    rng = random.Random(seed)
    while not stop.is_set():  # ok: GIL001
        event_id = rng.choice(events)
        book.update(event_id, 1_000 + rng.randint(0, 40_000))
        time.sleep(0.003)  # ok: GIL004


class FraudClient:
    """Synchronous SDK of the fraud-screening vendor."""

    def __init__(self, latency=0.004):
        self.latency = latency

    def score(self, bid):
        time.sleep(self.latency)  # expect: GIL004
        return 0.9 if bid.buyer.startswith("bot") else 0.1


class Settlement:
    def __init__(self):
        self.pending = []
        self.flushed = 0

    def flush_blocking(self):
        batch, self.pending = self.pending, []
        time.sleep(0.01)  # ok: GIL004
        self.flushed += len(batch)
        return len(batch)


class BidDesk:
    def __init__(self, book, fraud, settlement):
        self.book, self.fraud, self.settlement = book, fraud, settlement
        self.accepted, self.rejected = [], []

    async def handle_bid(self, bid):
        ask = self.book.quote(bid.event_id)
        if bid.cents < ask * 0.8:
            self.rejected.append((bid.bid_id, "too low"))
            return
        if self.fraud.score(bid) > 0.5:
            self.rejected.append((bid.bid_id, "fraud"))
            return
        self.accepted.append(bid.bid_id)
        self.settlement.pending.append(asdict(bid))
        if len(self.settlement.pending) >= 10:  # ok: GIL003
            await asyncio.to_thread(self.settlement.flush_blocking)

    async def serve(self, reader):
        while line := await reader.readline():
            await self.handle_bid(Bid(**json.loads(line)))
        await asyncio.to_thread(self.settlement.flush_blocking)


def synthetic_bids(n, events, seed=4):
    rng = random.Random(seed)
    for i in range(n):
        buyer = f"bot-{i}" if i % 9 == 0 else f"user-{rng.randint(1, 500)}"
        yield Bid(f"bid-{i:04d}", rng.choice(events), buyer, rng.randint(500, 45_000))


async def main_async(n_bids=60):
    events = ["EVT-ARENA-0612", "EVT-STADIUM-0701", "EVT-CLUB-0615"]
    book = PriceBook({e: 20_000 for e in events})
    stop = threading.Event()
    feed = threading.Thread(target=price_feed, args=(book, events, stop), daemon=True)
    feed.start()
    proxy, server_sock = socket.socketpair()
    proxy.setblocking(False)
    desk = BidDesk(book, FraudClient(), Settlement())
    try:
        reader, writer = await asyncio.open_connection(sock=server_sock)
        payload = b"".join(json.dumps(asdict(b)).encode() + b"\n" for b in synthetic_bids(n_bids, events))
        await asyncio.get_running_loop().sock_sendall(proxy, payload)
        proxy.shutdown(socket.SHUT_WR)
        await desk.serve(reader)
        writer.close()
        await writer.wait_closed()
    finally:
        stop.set()
        feed.join()
        proxy.close()
    return desk, book


def main():
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    started = time.perf_counter()
    desk, book = asyncio.run(main_async())
    reasons = {}
    for _, why in desk.rejected:
        reasons[why] = reasons.get(why, 0) + 1  # ok: GIL002
    log.info("accepted %d, rejected %s, settled %d, price book v%d, %.2fs", len(desk.accepted),
             reasons, desk.settlement.flushed, book.version, time.perf_counter() - started)


if __name__ == "__main__":
    main()
