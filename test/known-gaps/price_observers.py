# Models two market-data feeds that notify registered listener objects from their own threads.
import random
import threading
import time


class PriceFeed(threading.Thread):
    """Publishes simulated ticks for a set of symbols to every subscribed listener."""

    def __init__(self, venue, symbols, ticks, seed):
        super().__init__(name=f"feed-{venue}")
        self.venue = venue
        self.symbols = symbols
        self.ticks = ticks
        self.rng = random.Random(seed)
        self._listeners = []

    def subscribe(self, listener):
        self._listeners.append(listener)

    def run(self):
        price = 100.0
        for _ in range(self.ticks):  # ok: GIL001
            symbol = self.rng.choice(self.symbols)
            price += self.rng.uniform(-0.5, 0.5)  # ok: GIL002
            for listener in self._listeners:
                listener.on_tick(self.venue, symbol, round(price, 2))
            time.sleep(0.001)


class VwapListener:
    """Collects recent prices per symbol across all venues."""

    def __init__(self):
        self.updates = 0
        self.history = {}

    def on_tick(self, venue, symbol, price):
        self.updates += 1  # expect: GIL002
        if symbol not in self.history:  # expect: GIL003
            self.history[symbol] = []
        self.history[symbol].append(price)

    def averages(self):
        return {s: round(sum(p) / len(p), 2) for s, p in self.history.items()}


class BestPriceMonitor:
    """Tracks the best price seen per symbol, guarded by a lock."""

    def __init__(self):
        self.best = {}
        self.changes = 0
        self._lock = threading.Lock()

    def on_tick(self, venue, symbol, price):
        with self._lock:
            if symbol not in self.best or price > self.best[symbol][1]:  # ok: GIL003
                self.best[symbol] = (venue, price)
                self.changes += 1  # ok: GIL002


class VenueTickCounter:
    """Counts ticks for the single feed it is attached to."""

    def __init__(self, venue):
        self.venue = venue
        self.seen = 0

    def on_tick(self, venue, symbol, price):
        self.seen += 1  # ok: GIL002


class SpikeAlerter:
    """Raises an alert when a tick jumps too far from the previous tick of the same symbol."""

    def __init__(self, threshold):
        self.threshold = threshold
        self.last = {}
        self.alerts = []
        self._lock = threading.Lock()

    def on_tick(self, venue, symbol, price):
        self._lock.acquire()  # ok: GIL005
        try:
            previous = self.last.get(symbol)
            self.last[symbol] = price
            if previous is not None and abs(price - previous) > self.threshold:
                self.alerts.append((venue, symbol, previous, price))
        finally:
            self._lock.release()


class WatchlistRecorder:
    """Records ticks for symbols on the trader's watchlist."""

    def __init__(self, watchlist):
        self.watchlist = set(watchlist)
        self.matched = []
        self._lock = threading.Lock()

    def on_tick(self, venue, symbol, price):
        self._lock.acquire()  # expect: GIL005
        if symbol not in self.watchlist:
            return
        self.matched.append((venue, symbol, price))
        self._lock.release()


def main():
    symbols = ["AAPL", "MSFT", "NVDA"]
    nyse = PriceFeed("NYSE", symbols, ticks=40, seed=1)
    bats = PriceFeed("BATS", symbols, ticks=40, seed=2)

    vwap, best, alerter = VwapListener(), BestPriceMonitor(), SpikeAlerter(threshold=3.0)
    watch = WatchlistRecorder(["AAPL", "MSFT", "NVDA", "TSLA"])
    nyse_counter = VenueTickCounter("NYSE")
    for feed in (nyse, bats):
        feed.subscribe(vwap)
        feed.subscribe(best)
        feed.subscribe(alerter)
        feed.subscribe(watch)
    nyse.subscribe(nyse_counter)

    for feed in (nyse, bats):
        feed.start()
    for feed in (nyse, bats):
        feed.join()

    print("updates:", vwap.updates, "nyse ticks:", nyse_counter.seen)
    print("averages:", vwap.averages())
    print("best:", best.best, "changes:", best.changes)
    print("alerts:", len(alerter.alerts), "watched ticks:", len(watch.matched))


if __name__ == "__main__":
    main()
