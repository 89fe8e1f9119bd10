"""Premiere-night box office for a playwright's new play (asyncio).

The seating plan and price list are published as local JSON documents
(file:// URLs in a temp directory). The box office scores every seat once in an
executor, then serves buyers concurrently and prints tickets.
"""
import asyncio
import functools
import json
import logging
import math
import pathlib
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field

log = logging.getLogger("playwright.premiere")

VENUE = {"rows": 260, "cols": 240, "stage_col": 120.0, "printer_s": 0.002}
BUYERS = [("Ada", 2), ("Ben", 4), ("Cleo", 1), ("Dev", 3), ("Eli", 2), ("Fay", 5)]


def rate_limited(seconds):
    """The ticket printer can only take one job every `seconds`."""
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            time.sleep(seconds)  # expect: GIL004
            return fn(*args, **kwargs)
        return wrapper
    return decorate


@rate_limited(VENUE["printer_s"])
def render_ticket(buyer, seats, price):
    seat_list = ", ".join(f"R{r}S{c}" for r, c in seats)
    return f"PREMIERE | {buyer:<5} | {seat_list} | {price:.2f}"


def fetch_json(url):
    """Synchronous fetch; only ever run on a worker thread."""
    with urllib.request.urlopen(url) as resp:  # ok: GIL004
        return json.loads(resp.read().decode("utf-8"))


def score_seats(rows, cols, stage_col):
    """Sight-line score per seat: closer and more central is better."""
    scores = []
    for r in range(rows):  # expect: GIL001
        for c in range(cols):
            angle = math.atan2(abs(c - stage_col), r + 3.0)
            scores.append((round(100.0 / (1.0 + r * 0.05) * math.cos(angle), 3), r, c))
    scores.sort(reverse=True)
    return scores


@dataclass
class BoxOffice:
    prices_url: str
    ranked: list = field(default_factory=list)
    taken: set = field(default_factory=set)
    sold: int = 0
    tickets: list = field(default_factory=list)
    prices: dict = field(default_factory=dict)

    async def load_prices(self):
        raw = urllib.request.urlopen(self.prices_url).read()  # expect: GIL004
        self.prices = json.loads(raw.decode("utf-8"))

    def pick(self, count):
        chosen = []
        for _, r, c in self.ranked:
            if (r, c) not in self.taken:
                chosen.append((r, c))
                if len(chosen) == count:
                    break
        return chosen

    async def sell(self, buyer, count):
        await asyncio.sleep(0.001 * count)  # buyer hesitates
        seats = self.pick(count)
        self.taken.update(seats)
        self.sold += len(seats)  # ok: GIL002
        price = sum(self.prices["band_a"] if r < 20 else self.prices["band_b"] for r, _ in seats)
        ticket = render_ticket(buyer, seats, price)
        self.tickets.append(ticket)
        return ticket

    def summary(self):
        front = sum(1 for r, _ in self.taken if r < 20)
        return {
            "sold": self.sold,
            "front_rows": front,
            "rear_rows": len(self.taken) - front,
            "best_left": self.ranked[len(self.taken)][0] if len(self.ranked) > len(self.taken) else None,
        }


def publish(root, name, payload):
    path = pathlib.Path(root) / name
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path.as_uri()


async def main():
    logging.basicConfig(level=logging.WARNING)
    loop = asyncio.get_running_loop()
    with tempfile.TemporaryDirectory(prefix="premiere-") as root:
        venue_url = publish(root, "venue.json", {k: VENUE[k] for k in ("rows", "cols", "stage_col")})
        prices_url = publish(root, "prices.json", {"band_a": 85.0, "band_b": 42.5})
        office = BoxOffice(prices_url)
        started = time.perf_counter()
        venue = await loop.run_in_executor(None, fetch_json, venue_url)
        ranking = loop.run_in_executor(
            None, functools.partial(score_seats, venue["rows"], venue["cols"], venue["stage_col"]))
        await office.load_prices()
        office.ranked = await ranking
        tickets = await asyncio.gather(*(office.sell(name, n) for name, n in BUYERS))
        elapsed = time.perf_counter() - started
    for ticket in tickets:
        print(ticket)
    print(f"sold {office.sold} seats to {len(tickets)} buyers in {elapsed:.3f}s")
    print(f"summary: {office.summary()}")


if __name__ == "__main__":
    asyncio.run(main())
