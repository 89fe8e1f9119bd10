"""Salt pan boiling house: the salt market desk (asyncio).

The desk negotiates cargoes for several harbours concurrently. Port quotes are
looked up in executor threads and cached; the tide gauge is read from a socket
pair fed by a gauge thread; the season's price forecast is computed in a worker
thread so that the event loop can keep serving the desk.
"""
import asyncio
import functools
import logging
import socket
import struct
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Dict, List

log = logging.getLogger("saltboiler.market")

TIDE = struct.Struct("!d")
MARKET = {
    "ports": ("Nantwich", "Lymington", "Maldon", "Droitwich", "Maldon"),
    "forecast_weeks": 600_000,
    "haggle_s": 0.01,
}
QUOTES: Dict[str, float] = {}
CARGO_BOOK: Dict[str, float] = {}


@dataclass
class Cargo:
    port: str
    tons: float
    price: float = 0.0


def fetch_quote(port: str) -> float:
    """Runs in executor threads: ask the harbour master, cache the answer."""
    if port not in QUOTES:  # expect: GIL003
        time.sleep(0.01)  # ok: GIL004
        QUOTES[port] = 40.0 + 3.5 * len(port)
    return QUOTES[port]


def forecast(prices: List[float], weeks: int) -> float:
    level, trend = prices[-1], 0.0
    for week in range(weeks):  # expect: GIL001
        seasonal = 1.5 if (week % 52) < 13 else -0.5
        new_level = 0.8 * (level + trend) + 0.2 * (prices[week % len(prices)] + seasonal)
        trend = 0.9 * trend + 0.1 * (new_level - level)
        level = new_level
    return round(level, 2)


def tide_gauge(sock: socket.socket, readings: int) -> None:
    for i in range(readings):
        time.sleep(0.003)
        sock.sendall(TIDE.pack(2.0 + 0.1 * i))
    sock.close()


def read_tide(sock: socket.socket) -> float:
    raw = sock.recv(TIDE.size)  # expect: GIL004
    return TIDE.unpack(raw)[0]


def retry_async(attempts: int = 3, delay: float = 0.005):
    def deco(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(attempts):
                try:
                    return await fn(*args, **kwargs)
                except ConnectionError:
                    log.warning("retrying %s (%d)", fn.__name__, attempt)
                    await asyncio.sleep(delay)  # ok: GIL004
            raise ConnectionError(fn.__name__)
        return wrapper
    return deco


@retry_async(attempts=2)
async def negotiate(cargo: Cargo, tide_sock: socket.socket) -> Cargo:
    loop = asyncio.get_running_loop()
    quote = await loop.run_in_executor(None, fetch_quote, cargo.port)
    tide = read_tide(tide_sock)
    time.sleep(MARKET["haggle_s"])  # expect: GIL004
    cargo.price = round(quote * (1.0 + (tide - 2.0) * 0.05), 2)
    if cargo.port not in CARGO_BOOK:  # ok: GIL003
        CARGO_BOOK[cargo.port] = cargo.tons * cargo.price
    return cargo


async def desk(workers: ThreadPoolExecutor) -> None:
    loop = asyncio.get_running_loop()
    desk_sock, gauge_sock = socket.socketpair()
    gauge = threading.Thread(target=tide_gauge, args=(gauge_sock, len(MARKET["ports"])))
    gauge.start()
    history = [41.0, 43.5, 39.0, 44.0, 46.5, 42.0]
    forecast_job = loop.run_in_executor(
        workers, functools.partial(forecast, history, weeks=MARKET["forecast_weeks"]))
    cargoes = [Cargo(port, tons=20.0 + 5 * i) for i, port in enumerate(MARKET["ports"])]
    t0 = time.perf_counter()
    done = await asyncio.gather(*(negotiate(c, desk_sock) for c in cargoes))
    outlook = await forecast_job
    gauge.join()
    desk_sock.close()
    for c in done:
        print(f"{c.port:>10}: {c.tons:.0f} t at {c.price:.2f}")
    print(f"booked = {len(CARGO_BOOK)}, forecast = {outlook}")
    print(f"desk closed in {time.perf_counter() - t0:.2f}s")


def main() -> None:
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="forecast") as workers:
        asyncio.run(desk(workers))


if __name__ == "__main__":
    main()
