"""Historical-simulation VaR with full revaluation, plus the regulatory backtest.

1. Price histories are pulled from the market-data vendor (slow HTTP) by a
   thread pool; several desks share symbols, so results are cached.
2. The options book is fully revalued under every historical scenario in
   worker processes (Black-Scholes per option per scenario).
3. Each desk's daily VaR model is backtested over the last two years in its
   own thread: EWMA volatility, 99% quantile, count of exceptions.
"""
from __future__ import annotations

import logging
import math
import random
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger("backtest")

SUMMARY = {"exceptions": 0, "desks": 0}
SUMMARY_LOCK = threading.Lock()
Z99 = 2.326


class VendorTimeout(Exception):
    pass


@dataclass(frozen=True)
class Desk:
    name: str
    symbols: tuple[str, ...]


@dataclass(frozen=True)
class OptionLeg:
    strike: float
    expiry_years: float
    quantity: int
    is_call: bool


class MarketDataClient:
    def __init__(self, days: int, latency: float = 0.004) -> None:
        self.days = days
        self.latency = latency
        self._cache: dict[str, list[float]] = {}
        self.downloads = 0

    def _transport(self, symbol: str, attempt: int) -> int:
        time.sleep(self.latency)
        if attempt == 1 and symbol.startswith("X"):
            raise VendorTimeout(symbol)
        return sum(map(ord, symbol))

    def _download(self, symbol: str) -> list[float]:
        for attempt in range(1, 4):  # ok: GIL001
            try:
                seed = self._transport(symbol, attempt)
                break
            except VendorTimeout:
                log.info("vendor timeout for %s, retrying", symbol)
        else:
            raise VendorTimeout(symbol)
        rng = random.Random(seed)
        return [rng.gauss(0.0003, 0.012 + 0.01 * (d % 250 > 230)) for d in range(self.days)]

    def fetch_history(self, symbol: str) -> list[float]:
        if symbol not in self._cache:  # expect: GIL003
            self._cache[symbol] = self._download(symbol)
            self.downloads += 1  # expect: GIL002
        return self._cache[symbol]


def black_scholes(spot: float, leg: OptionLeg, vol: float, rate: float = 0.04) -> float:
    t = leg.expiry_years
    d1 = (math.log(spot / leg.strike) + (rate + 0.5 * vol * vol) * t) / (vol * math.sqrt(t))
    d2 = d1 - vol * math.sqrt(t)
    cdf = lambda x: 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))  # noqa: E731
    if leg.is_call:
        return spot * cdf(d1) - leg.strike * math.exp(-rate * t) * cdf(d2)
    return leg.strike * math.exp(-rate * t) * cdf(-d2) - spot * cdf(-d1)


def revalue_chunk(args: tuple[float, list[OptionLeg], list[float]]) -> list[float]:
    """Runs in a worker process: P&L of the options book under each scenario."""
    spot, legs, scenarios = args
    base = sum(leg.quantity * black_scholes(spot, leg, 0.25) for leg in legs)
    pnl = []
    for shock in scenarios:  # ok: GIL001
        shocked = spot * math.exp(shock)
        value = sum(leg.quantity * black_scholes(shocked, leg, 0.25 + 2 * abs(shock)) for leg in legs)
        pnl.append(value - base)
    return pnl


class Backtester:
    def __init__(self, client: MarketDataClient, window: int = 250, lam: float = 0.94) -> None:
        self.client = client
        self.window = window
        self.lam = lam
        self.exceptions: dict[str, int] = {}

    def run_desk(self, desk: Desk) -> None:
        count = 0
        for symbol in desk.symbols:  # expect: GIL001
            returns = self.client.fetch_history(symbol)
            for t in range(self.window, len(returns)):
                var = 0.0
                for r in returns[t - self.window:t]:
                    var = self.lam * var + (1.0 - self.lam) * r * r
                if -returns[t] > Z99 * math.sqrt(var):
                    count += 1
        self.exceptions[desk.name] = count
        with SUMMARY_LOCK:
            SUMMARY["exceptions"] += count  # ok: GIL002
            SUMMARY["desks"] += 1


DESKS = [
    Desk("delta-one", ("SPY", "QQQ", "IWM")),
    Desk("vol", ("SPY", "VIXY", "XLE")),
    Desk("macro", ("TLT", "XLE", "GLD")),
]


def main() -> None:
    t0 = time.perf_counter()
    client = MarketDataClient(days=1500)
    symbols = [s for desk in DESKS for s in desk.symbols]
    with ThreadPoolExecutor(max_workers=6, thread_name_prefix="mdata") as pool:
        list(pool.map(client.fetch_history, symbols))

    legs = [OptionLeg(k, 0.25 + 0.25 * (i % 4), (-1) ** i * 100, i % 2 == 0)
            for i, k in enumerate(range(420, 520, 5))]
    scenarios = client.fetch_history("SPY")[-500:]
    chunks = [(470.0, legs, scenarios[i::4]) for i in range(4)]
    with ProcessPoolExecutor(max_workers=2) as procs:
        book_pnl = [p for chunk in procs.map(revalue_chunk, chunks) for p in chunk]
    book_pnl.sort()
    hs_var = -book_pnl[int(0.01 * len(book_pnl))]

    backtester = Backtester(client)
    threads = [threading.Thread(target=lambda d=desk: backtester.run_desk(d), name=f"bt-{desk.name}")
               for desk in DESKS]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    print(f"vendor downloads {client.downloads} for {len(set(symbols))} distinct symbols")
    print(f"options book 1-day 99% HS-VaR ${hs_var:,.0f} over {len(book_pnl)} scenarios")
    for desk, n in backtester.exceptions.items():
        zone = "green" if n <= 4 * 5 else "amber" if n <= 9 * 5 else "red"
        print(f"  {desk:10s} exceptions over {client.days - backtester.window} days: {n:3d} ({zone})")
    print(f"summary {SUMMARY}; {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    main()
