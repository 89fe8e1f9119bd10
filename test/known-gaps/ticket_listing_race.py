"""Checkout path of the resale marketplace during an on-sale spike.

Buyer sessions (one thread each in this load test) hit the same listing at the
same time. Card authorisation goes through a gateway that allows a few
concurrent calls; accepted money is parked in escrow until the event happens.
"""
import logging
import random
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("resale.checkout")

BLOCKED_EVENTS = frozenset({"EVT-CANCELLED-17"})
SERVICE_FEE_RATE = 0.12


class SoldOut(Exception):
    pass


class PaymentGateway:
    """Card processor client; the contract allows 3 calls in flight."""

    def __init__(self, max_in_flight=3, latency=0.002):
        self._slots = threading.BoundedSemaphore(max_in_flight)
        self.latency = latency
        self.in_flight = 0
        self.samples = []

    def authorize(self, buyer_id, cents):
        with self._slots:
            self.in_flight += 1  # expect: GIL002
            self.samples.append(self.in_flight)
            time.sleep(self.latency)      # HTTPS round trip to the processor
            self.in_flight -= 1  # expect: GIL002
        return f"auth-{buyer_id}-{cents}"


class Escrow:
    def __init__(self):
        self._mutex = threading.Semaphore(1)
        self.held_cents = 0
        self.entries = []

    def hold(self, auth_code, cents):
        with self._mutex:
            self.held_cents += cents  # ok: GIL002
            self.entries.append((auth_code, cents))


@dataclass
class Listing:
    listing_id: str
    event_id: str
    available: int
    price_cents: int
    sold_to: list = field(default_factory=list)

    def purchase(self, buyer_id, qty, gateway, escrow):
        if self.event_id in BLOCKED_EVENTS:  # ok: GIL003
            raise SoldOut(f"{self.event_id} is cancelled")
        if self.available >= qty:  # expect: GIL003
            total = int(qty * self.price_cents * (1 + SERVICE_FEE_RATE))
            auth = gateway.authorize(buyer_id, total)
            self.available -= qty  # expect: GIL002
            self.sold_to.append((buyer_id, qty))
            escrow.hold(auth, total)
            return auth
        raise SoldOut(f"{self.listing_id}: {self.available} left, wanted {qty}")


class Buyer:
    def __init__(self, buyer_id, rng):
        self.buyer_id = buyer_id
        self.rng = rng
        self.outcome = None

    def desired_quantity(self):
        return self.rng.choice((1, 2, 2, 4))

    def run(self, listing, gateway, escrow, think_time=0.0):
        time.sleep(think_time)
        try:
            self.outcome = listing.purchase(self.buyer_id, self.desired_quantity(), gateway, escrow)
        except SoldOut as exc:
            self.outcome = exc


class ScalperBot(Buyer):
    """Always grabs the maximum the listing allows."""

    def desired_quantity(self):
        return max(super().desired_quantity(), 4)


def make_buyers(n, seed=42):
    rng = random.Random(seed)
    buyers = []
    for i in range(n):
        cls = ScalperBot if i % 5 == 0 else Buyer
        buyers.append(cls(f"b{i:03d}", random.Random(rng.random())))
    return buyers


def on_sale(listing, buyers, gateway, escrow):
    threads = [
        threading.Thread(target=b.run, name=b.buyer_id,
                         kwargs={"listing": listing, "gateway": gateway, "escrow": escrow,
                                 "think_time": (i % 4) * 0.0005})
        for i, b in enumerate(buyers)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def main():
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    listing = Listing("LST-88213", "EVT-ARENA-0612", available=40, price_cents=18_500)
    gateway, escrow = PaymentGateway(), Escrow()
    buyers = make_buyers(30)
    started = time.perf_counter()
    on_sale(listing, buyers, gateway, escrow)
    sold = sum(q for _, q in listing.sold_to)
    rejected = sum(isinstance(b.outcome, SoldOut) for b in buyers)
    log.info("sold %d of 40 seats (%d left on listing), %d buyers turned away", sold,
             listing.available, rejected)
    log.info("escrow holds $%.2f in %d entries; gateway peak in flight %d (reported now %d)",
             escrow.held_cents / 100, len(escrow.entries), max(gateway.samples), gateway.in_flight)
    log.info("on-sale simulated in %.2fs", time.perf_counter() - started)
    if sold > 40:
        log.warning("OVERSOLD by %d seats", sold - 40)


if __name__ == "__main__":
    main()
