"""Consolidated quote board fed by three exchange feeds.

Every exchange feed is a self-rescheduling timer chain that publishes a batch
of quotes per tick; the board limits how many feeds may ingest at once and
keeps per-symbol traded volume.
"""
import random
import threading

FEED_SLOTS = 3
TICKS = 20
TICK_INTERVAL = 0.005
SYMBOLS = ["ACME", "GLBX", "INIT", "UMBR", "WAYN"]


class QuoteBoard:
    def __init__(self):
        self.slots = threading.Semaphore(FEED_SLOTS)
        self.book_guard = threading.BoundedSemaphore(1)
        self.quotes_seen = 0
        self.last = {}
        self.volume = {}

    def ingest(self, venue, symbol, price, qty):
        with self.slots:
            self.quotes_seen += 1  # expect: GIL002
            self.last[symbol] = (venue, price)
        with self.book_guard:
            self.volume[symbol] = self.volume.get(symbol, 0) + qty  # ok: GIL002


class ExchangeFeed:
    def __init__(self, venue, board, seed):
        self.venue = venue
        self.board = board
        self.rng = random.Random(seed)
        self.ticks = 0
        self.done = threading.Event()

    def _tick(self):
        for symbol in self.rng.sample(SYMBOLS, 3):
            price = round(100 + self.rng.gauss(0, 2), 2)
            self.board.ingest(self.venue, symbol, price, self.rng.randint(1, 9) * 100)
        self.ticks += 1  # ok: GIL002
        if self.ticks >= TICKS:
            self.done.set()
        else:
            threading.Timer(TICK_INTERVAL, self._tick).start()

    def start(self):
        threading.Timer(TICK_INTERVAL, self._tick).start()


def main():
    board = QuoteBoard()
    feeds = [ExchangeFeed(venue, board, seed)
             for seed, venue in enumerate(["NYSE", "NASDAQ", "BATS"])]
    for feed in feeds:
        feed.start()
    for feed in feeds:
        feed.done.wait(timeout=5)
    print(f"quotes seen: {board.quotes_seen} "
          f"(expected {sum(f.ticks for f in feeds) * 3})")
    for symbol in SYMBOLS:
        venue, price = board.last.get(symbol, ("-", 0.0))
        print(f"  {symbol}: last {price:>7.2f} on {venue:<6} volume {board.volume.get(symbol, 0)}")


if __name__ == "__main__":
    main()
