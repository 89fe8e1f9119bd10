"""Commission desk of a silversmith, on asyncio.

Each commission is built with a CommissionBuilder, priced on a thread pool by the Pricer registered for its
finish (the silver price is simulated over the delivery period), then moved through the status handlers
registered with @on_status. The bench terminal (a thread) rings the desk over two socket pairs when a
piece is ready for collection.
"""
import asyncio
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

CONFIG = {
    "spot_per_g": 0.78,
    "days": 30,
    "paths": 12000,
    "bullion_call_s": 0.003,
    "pricers": 2,
    "gilt_per_g": 0.15,
}
ORDERS = [
    ("Lady Ashby", "tea service", 2400, "bright"),
    ("St Mary's", "chalice", 650, "gilt"),
    ("Lady Ashby", "salt cellars", 300, "bright"),
    ("Dr Okafor", "christening cup", 280, "gilt"),
]
STATUS_HANDLERS = {}


def on_status(status):
    def register(fn):
        STATUS_HANDLERS[status] = fn
        return fn
    return register


@dataclass
class Commission:
    number: int
    client: str
    piece: str
    grams: int
    finish: str
    status: str = "new"
    quote: float = 0.0


class CommissionBuilder:
    _next = 1

    def __init__(self):
        self._fields = {}

    def client(self, name):
        self._fields["client"] = name
        return self

    def piece(self, piece, grams, finish):
        self._fields.update(piece=piece, grams=grams, finish=finish)
        return self

    def build(self):
        number, CommissionBuilder._next = CommissionBuilder._next, CommissionBuilder._next + 1
        return Commission(number, **self._fields)


class Pricer:
    discounts = {}

    def __init__(self, config):
        self.config = config
        self.quotes_made = 0
        self.metal_reserved_g = 0
        self._lock = threading.Lock()

    def __call__(self, commission):
        price = self.metal_cost(commission) * 1.8 + 40 * commission.grams ** 0.5
        if commission.client not in self.discounts:  # expect: GIL003 -- both pool threads can miss and both look up
            self.discounts[commission.client] = self._lookup_discount(commission.client)
        self.quotes_made += 1  # expect: GIL002 -- one Pricer instance per finish, shared by the pool threads
        with self._lock:
            self.metal_reserved_g += commission.grams  # ok: GIL002 -- with self._lock
        return round(price * (1 - self.discounts[commission.client]), 2)

    @staticmethod
    def _lookup_discount(client):
        return 0.05 if client.startswith("St ") else 0.0

    def metal_cost(self, commission):
        return commission.grams * self._expected_spot(self.config["paths"], self.config["days"])

    def _expected_spot(self, paths, days):
        total = 0.0
        state = 12345
        for p in range(paths):  # expect: GIL001 -- paths x days random-walk steps in pure Python per quote
            price = self.config["spot_per_g"]
            for d in range(days):
                state = (state * 1103515245 + 12345) & 0x7FFFFFFF
                price *= 1.0 + ((state % 2001) - 1000) / 50000.0
            total += price
        return total / paths


class GiltPricer(Pricer):
    def metal_cost(self, commission):
        return super().metal_cost(commission) + commission.grams * 0.1 * self.config["gilt_per_g"]


PRICERS = {"bright": Pricer(CONFIG), "gilt": GiltPricer(CONFIG)}


@on_status("quoted")
async def send_quote(desk, c):
    desk.letters.append(f"Dear {c.client}, your {c.piece}: GBP {c.quote:,.2f}")
    await asyncio.sleep(0)  # ok: GIL004 -- non-blocking sleep
    c.status = "approved"


@on_status("approved")
async def order_metal(desk, c):
    time.sleep(CONFIG["bullion_call_s"])  # expect: GIL004 -- blocking bullion-dealer call directly in a coroutine
    c.status = "in work"


class Desk:
    def __init__(self, pool, bell, chime):
        self.pool = pool
        self.bell = bell
        self.chime = chime
        self.letters = []
        self.collected = []

    async def process(self, c):
        c.quote = await asyncio.wrap_future(self.pool.submit(PRICERS[c.finish], c))
        c.status = "quoted"
        while c.status in STATUS_HANDLERS:
            await STATUS_HANDLERS[c.status](self, c)

    def _read_bell(self):
        return self.bell.recv(64)  # expect: GIL004 -- blocking socket recv, reached from coroutine collect()

    async def collect(self, expected):
        loop = asyncio.get_running_loop()
        for _ in range(expected):
            ring = self._read_bell()
            chime = await loop.sock_recv(self.chime, 64)  # ok: GIL004 -- loop.sock_recv on a non-blocking socket
            self.collected.append((ring.decode(), chime.decode()))


def bench_terminal(commissions, bell_out, chime_out):
    for c in commissions:  # ok: GIL001 -- four short sends with a sleep between them
        time.sleep(0.002)
        bell_out.sendall(f"ready:{c.number:03d}".ljust(64).encode())
        chime_out.sendall(f"chime:{c.number:03d}".ljust(64).encode())


async def run_desk(commissions):
    bell_in, bell_out = socket.socketpair()
    chime_in, chime_out = socket.socketpair()
    chime_in.setblocking(False)
    terminal = threading.Thread(target=bench_terminal, args=(commissions, bell_out, chime_out))
    with ThreadPoolExecutor(max_workers=CONFIG["pricers"]) as pool:
        desk = Desk(pool, bell_in, chime_in)
        await asyncio.gather(*(desk.process(c) for c in commissions))
        terminal.start()
        await desk.collect(len(commissions))
    terminal.join()
    for s in (bell_in, bell_out, chime_in, chime_out):
        s.close()
    return desk


def main():
    commissions = [CommissionBuilder().client(who).piece(p, g, f).build() for who, p, g, f in ORDERS]
    desk = asyncio.run(run_desk(commissions))
    for c in commissions:
        print(f"#{c.number} {c.client:10s} {c.piece:16s} {c.finish:6s} GBP {c.quote:10,.2f} {c.status}")
    print(f"letters {len(desk.letters)}, collected {[r.strip() for r, _ in desk.collected]}")
    print(f"quotes: {sum(p.quotes_made for p in PRICERS.values())}, reserved "
          f"{sum(p.metal_reserved_g for p in PRICERS.values())} g")


if __name__ == "__main__":
    main()
