"""Circus box office: booth threads sell big-top seats while timers release unpaid holds."""
from __future__ import annotations

import logging
import queue
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

logging.basicConfig(level=logging.INFO, format="%(threadName)-10s %(message)s")
log = logging.getLogger("circus.tickets")

BOX_OFFICE = {"booths": 3, "card_auth_s": 0.002, "hold_ttl_s": 0.03, "requests": 36}


@dataclass(frozen=True)
class SeatRequest:
    buyer: str
    seat: str
    price: float
    hold_only: bool = False


@dataclass
class House:
    """Shared by every booth thread and the hold-expiry timers."""
    sold: Dict[str, str] = field(default_factory=dict)
    holds: Dict[str, str] = field(default_factory=dict)
    revenue: float = 0.0
    cash_drawer: float = 0.0
    booth_slots: threading.Semaphore = field(default_factory=lambda: threading.Semaphore(3))
    till: threading.Semaphore = field(default_factory=lambda: threading.Semaphore(1))
    holds_lock: threading.RLock = field(default_factory=threading.RLock)
    on_sale: List[Callable[[str, SeatRequest], None]] = field(default_factory=list)


class CardTerminal:
    def __init__(self, auth_seconds: float, decline_every: int = 11):
        self.auth_seconds = auth_seconds
        self.decline_every = decline_every

    def authorize(self, req: SeatRequest) -> bool:
        time.sleep(self.auth_seconds)  # bank round trip: GIL released
        return int(req.buyer[3:]) % self.decline_every != 0


class Booth(threading.Thread):
    def __init__(self, number: int, house: House, requests: "queue.Queue[Optional[SeatRequest]]",
                 terminal: CardTerminal, **kwargs):
        super().__init__(name=f"booth-{number}", **kwargs)
        self.house = house
        self.requests = requests
        self.terminal = terminal
        self.sales: List[str] = []

    def run(self) -> None:
        while True:  # ok: GIL001
            req = self.requests.get()
            if req is None:
                break
            if req.hold_only:
                self._hold(req)
            else:
                self._sell(req)

    def _sell(self, req: SeatRequest) -> None:
        house = self.house
        if req.seat not in house.sold:  # expect: GIL003
            if not self.terminal.authorize(req):
                log.info("card declined for %s", req.buyer)
                return
            house.sold[req.seat] = req.buyer
            self.sales.append(req.seat)
            with house.booth_slots:
                house.revenue += req.price  # expect: GIL002
            with house.till:
                house.cash_drawer += req.price  # ok: GIL002
            for cb in house.on_sale:
                cb(self.name, req)

    def _hold(self, req: SeatRequest) -> None:
        with self.house.holds_lock:
            if req.seat in self.house.holds:  # ok: GIL003
                return
            self.house.holds[req.seat] = req.buyer
        timer = threading.Timer(BOX_OFFICE["hold_ttl_s"], release_hold, args=(self.house, req.seat))
        timer.daemon = True
        timer.start()


def release_hold(house: House, seat: str) -> None:
    with house.holds_lock:
        buyer = house.holds.pop(seat, None)
    if buyer is not None:
        log.info("hold on %s for %s expired", seat, buyer)


def make_sale_announcer(every: int) -> Callable[[str, SeatRequest], None]:
    lock = threading.Lock()
    count = [0]

    def announce(booth: str, req: SeatRequest) -> None:
        with lock:
            count[0] += 1  # ok: GIL002
            n = count[0]
        if n % every == 0:
            log.info("%d seats sold (latest %s at %s)", n, req.seat, booth)
    return announce


def request_stream(n: int, seed: int = 3) -> List[SeatRequest]:
    rng = random.Random(seed)
    rows, cols = "ABCD", range(1, 7)
    reqs = []
    for i in range(n):
        seat = f"{rng.choice(rows)}{rng.choice(list(cols))}"
        reqs.append(SeatRequest(f"fan{i:02d}", seat, 25.0 if seat[0] in "AB" else 15.0, hold_only=i % 7 == 0))
    return reqs


def main() -> None:
    house = House()
    house.on_sale.append(make_sale_announcer(every=5))
    requests: "queue.Queue[Optional[SeatRequest]]" = queue.Queue()
    terminal = CardTerminal(BOX_OFFICE["card_auth_s"])
    booths = [Booth(n, house, requests, terminal, daemon=True) for n in range(BOX_OFFICE["booths"])]
    for b in booths:
        b.start()
    for req in request_stream(BOX_OFFICE["requests"]):
        requests.put(req)
    for _ in booths:
        requests.put(None)
    for b in booths:
        b.join()
    time.sleep(BOX_OFFICE["hold_ttl_s"] * 2)
    sold_by_booths = sum(len(b.sales) for b in booths)
    print(f"seats sold: {len(house.sold)} (sales recorded by booths: {sold_by_booths})")
    print(f"revenue {house.revenue:.2f}, drawer {house.cash_drawer:.2f}, holds left {len(house.holds)}")


if __name__ == "__main__":
    main()
