"""Options market-data handler with an implied-volatility surface.

An exchange gateway streams option quotes (CSV lines) over a socket.  The asyncio
handler maintains the latest quote per contract; once the snapshot is complete,
each underlying's chain is inverted to implied volatilities (bisection on the
Black-Scholes price) off the event loop.
"""
import asyncio
import logging
import math
import random
import socket
import threading
import time
from dataclasses import dataclass, field
from itertools import islice

log = logging.getLogger("feed")

FEED_CONFIG = {"underlyings": {"ACME": 100.0, "INIT": 42.0}, "per_chain": 700, "burst": 50,
               "burst_gap": 0.002, "rate": 0.03, "max_iter": 100}
SQRT2 = math.sqrt(2.0)


def norm_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / SQRT2))


def bs_price(kind: str, s: float, k: float, r: float, t: float, vol: float) -> float:
    d1 = (math.log(s / k) + (r + 0.5 * vol * vol) * t) / (vol * math.sqrt(t))
    d2 = d1 - vol * math.sqrt(t)
    if kind == "C":
        return s * norm_cdf(d1) - k * math.exp(-r * t) * norm_cdf(d2)
    return k * math.exp(-r * t) * norm_cdf(-d2) - s * norm_cdf(-d1)


@dataclass(frozen=True)
class Quote:
    symbol: str
    kind: str
    strike: float
    maturity: float
    mid: float

    @classmethod
    def parse(cls, line: str) -> "Quote":
        sym, kind, strike, mat, bid, ask = line.split(",")
        return cls(sym, kind, float(strike), float(mat), (float(bid) + float(ask)) / 2)


@dataclass
class Chain:
    underlying: str
    spot: float
    quotes: list = field(default_factory=list)


class MarketState:
    """Latest quote per contract; only touched by coroutines on the event loop."""

    def __init__(self):
        self.books: dict = {}
        self.updates = 0

    def apply(self, quote: Quote) -> None:
        if quote.symbol not in self.books:  # ok: GIL003
            self.books[quote.symbol] = {}
        self.books[quote.symbol][(quote.kind, quote.strike, quote.maturity)] = quote
        self.updates += 1


class IVSolver:
    def __init__(self, rate: float, max_iter: int):
        self.rate = rate
        self.max_iter = max_iter
        self.solved = 0

    def solve_chain(self, chain: Chain) -> dict:
        surface = {}
        for quote in chain.quotes:  # expect: GIL001
            surface[(quote.kind, quote.strike, quote.maturity)] = self._implied_vol(chain.spot, quote)
            self.solved += 1  # expect: GIL002
        return surface

    def _implied_vol(self, spot: float, q: Quote) -> float:
        lo, hi = 1e-4, 3.0
        for _ in range(self.max_iter):
            mid = 0.5 * (lo + hi)
            if bs_price(q.kind, spot, q.strike, self.rate, q.maturity, mid) > q.mid:
                hi = mid
            else:
                lo = mid
        return 0.5 * (lo + hi)


class FeedHandler:
    def __init__(self, sock: socket.socket, state: MarketState):
        self._sock = sock
        self._state = state
        self._partial = b""

    async def pump(self) -> None:
        while True:
            data = self._sock.recv(8192)  # expect: GIL004
            if not data:
                break
            *lines, self._partial = (self._partial + data).split(b"\n")
            for line in lines:
                if line and line != b"END":
                    self._state.apply(Quote.parse(line.decode()))
            await asyncio.sleep(0)


def synthetic_quotes(rng: random.Random, symbol: str, spot: float, count: int, rate: float):
    for n in range(count):
        kind = "C" if n % 2 else "P"
        strike = round(spot * rng.uniform(0.8, 1.2), 1)
        maturity = rng.choice((0.25, 0.5, 1.0))
        vol = 0.2 + 0.3 * abs(strike / spot - 1.0) + rng.uniform(0.0, 0.05)
        fair = bs_price(kind, spot, strike, rate, maturity, vol)
        yield f"{symbol},{kind},{strike},{maturity},{fair * 0.99:.4f},{fair * 1.01:.4f}"


def exchange_gateway(sock: socket.socket, lines: list, burst: int, gap: float) -> None:
    it = iter(lines)
    while True:
        chunk = list(islice(it, burst))
        if not chunk:
            break
        sock.sendall(("\n".join(chunk) + "\n").encode())
        time.sleep(gap)  # ok: GIL004
    sock.sendall(b"END\n")
    sock.shutdown(socket.SHUT_WR)


async def main(cfg: dict) -> None:
    rng = random.Random(5)
    lines = [line for sym, spot in cfg["underlyings"].items()
             for line in synthetic_quotes(rng, sym, spot, cfg["per_chain"], cfg["rate"])]
    ours, theirs = socket.socketpair()
    gateway = threading.Thread(target=exchange_gateway, name="exchange",
                               args=(theirs, lines, cfg["burst"], cfg["burst_gap"]))
    gateway.start()
    state = MarketState()
    await FeedHandler(ours, state).pump()
    gateway.join()

    chains = [Chain(sym, spot, list(state.books.get(sym, {}).values()))
              for sym, spot in cfg["underlyings"].items()]
    solver = IVSolver(cfg["rate"], cfg["max_iter"])
    started = time.perf_counter()
    surfaces = await asyncio.gather(*(asyncio.to_thread(solver.solve_chain, chain) for chain in chains))
    elapsed = time.perf_counter() - started
    for chain, surface in zip(chains, surfaces):
        vols = sorted(surface.values())
        print(f"{chain.underlying}: {len(surface)} vols, min {vols[0]:.3f} median "
              f"{vols[len(vols) // 2]:.3f} max {vols[-1]:.3f}")
    print(f"quotes={state.updates} solved={solver.solved} surface built in {elapsed:.2f}s")
    ours.close()
    theirs.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main(FEED_CONFIG))
