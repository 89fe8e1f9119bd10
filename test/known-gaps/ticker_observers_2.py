"""Market-data fan-out: one feed thread per exchange notifies the same set of
observer objects (volume tracker, VWAP, alerting) on every tick."""
import threading

EXCHANGES = ("NYSE", "NASDAQ", "BATS")
TICKS_PER_FEED = 25
SYMBOLS = ("AAPL", "MSFT", "ORCL", "IBM")
ALERT_PRICE = 180.0


class PriceFeed:
    def __init__(self, exchange):
        self.exchange = exchange
        self._observers = []

    def attach(self, observer):
        self._observers.append(observer)

    def stream(self):
        for n in range(TICKS_PER_FEED):
            tick = (SYMBOLS[n % len(SYMBOLS)], 150.0 + (n * 7) % 40, 100 + n)
            for obs in self._observers:
                obs.on_tick(self.exchange, tick)


class VolumeTracker:
    def __init__(self):
        self.volume = {s: 0 for s in SYMBOLS}

    def on_tick(self, exchange, tick):
        symbol, _price, qty = tick
        self.volume[symbol] += qty  # expect: GIL002


class VwapObserver:
    def __init__(self):
        self._lock = threading.Lock()
        self.notional = {s: 0.0 for s in SYMBOLS}
        self.shares = {s: 0 for s in SYMBOLS}

    def on_tick(self, exchange, tick):
        symbol, price, qty = tick
        with self._lock:
            self.notional[symbol] += price * qty  # ok: GIL002
            self.shares[symbol] += qty


class PriceAlert:
    def __init__(self):
        self.alerted = set()
        self.alerts = []

    def on_tick(self, exchange, tick):
        symbol, price, _qty = tick
        if price >= ALERT_PRICE and symbol not in self.alerted:  # expect: GIL003
            self.alerted.add(symbol)
            self.alerts.append(f"{symbol} crossed {ALERT_PRICE} on {exchange}")


class HaltMonitor:
    def __init__(self):
        self._lock = threading.Lock()
        self.halted = {}

    def on_tick(self, exchange, tick):
        symbol, price, _qty = tick
        with self._lock:
            if symbol not in self.halted and price < 152.0:  # ok: GIL003
                self.halted[symbol] = exchange


def main():
    observers = [VolumeTracker(), VwapObserver(), PriceAlert(), HaltMonitor()]
    feeds = [PriceFeed(x) for x in EXCHANGES]
    for feed in feeds:
        for obs in observers:
            feed.attach(obs)
    threads = [threading.Thread(target=f.stream, name=f.exchange) for f in feeds]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    volume, vwap, alert, halt = observers
    for s in SYMBOLS:
        print(s, volume.volume[s], round(vwap.notional[s] / max(vwap.shares[s], 1), 2))
    print("alerts:", alert.alerts)
    print("halts:", halt.halted)


if __name__ == "__main__":
    main()
