"""Alert dispatch for a vending fleet.

Machines report faults (coin jams, fridge temperature, door open, sold-out
slots) over a cellular feed and, for machines in basements, over a Wi-Fi
backup feed as well; one pump thread per feed reads events and routes them
through a registry of handlers.  Handlers page the field technician (with a
per-machine cooldown) and open service tickets.
"""
from __future__ import annotations

import collections
import logging
import random
import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterator

log = logging.getLogger("alerts")


@dataclass(frozen=True)
class FaultEvent:
    machine_id: str
    kind: str
    ts: float
    detail: str = ""


class Feed:
    """One telemetry feed; events() blocks on the modem like the real one."""

    def __init__(self, name: str, events: list, latency: float = 0.003):
        self.name = name
        self._events = events
        self.latency = latency
        self.delivered = 0

    def events(self) -> Iterator[FaultEvent]:
        for event in self._events:
            time.sleep(self.latency)
            yield event


class HandlerRegistry:
    def __init__(self):
        self._handlers: dict[str, list[Callable]] = collections.defaultdict(list)

    def register(self, *kinds: str):
        def deco(handler):
            for kind in kinds:
                self._handlers[kind].append(handler)
            return handler
        return deco

    def handlers_for(self, kind: str) -> list:
        return self._handlers.get(kind, []) + self._handlers.get("*", [])


class CooldownPager:
    """Pages the technician at most once per machine per cooldown window."""

    def __init__(self, cooldown: float):
        self.cooldown = cooldown
        self.pages: list[str] = []
        self._last_page: dict[str, float] = {}

    def _send(self, event: FaultEvent) -> None:
        time.sleep(0.004)  # push notification API
        self.pages.append(f"{event.machine_id}: {event.kind}")

    def __call__(self, event: FaultEvent) -> None:
        last = self._last_page.get(event.machine_id)
        if last is None or event.ts - last >= self.cooldown:  # expect: GIL003
            self._send(event)
            self._last_page[event.machine_id] = event.ts


class TicketBook:
    def __init__(self, routing: dict):
        self.routing = routing
        self.tickets: dict[int, tuple] = {}
        self._next_no = 1000
        self._lock = threading.Lock()

    def open_ticket(self, event: FaultEvent) -> int:
        self._lock.acquire()  # expect: GIL005
        number = self._next_no
        self._next_no += 1
        if event.kind not in self.routing:
            raise LookupError(f"no service team for {event.kind}")
        self.tickets[number] = (event.machine_id, event.kind, self.routing[event.kind])
        self._lock.release()
        return number

    def close_ticket(self, number: int) -> bool:
        if not self._lock.acquire(timeout=1.0):  # ok: GIL005
            return False
        try:
            return self.tickets.pop(number, None) is not None
        finally:
            self._lock.release()


class Dispatcher:
    def __init__(self, registry: HandlerRegistry):
        self.registry = registry
        self.dispatched = 0

    def pump(self, feed: Feed) -> None:
        for event in feed.events():  # ok: GIL001
            for handler in self.registry.handlers_for(event.kind):
                handler(event)
            feed.delivered += 1  # ok: GIL002
            self.dispatched += 1  # expect: GIL002


def simulate_faults(n: int, seed: int) -> list[FaultEvent]:
    rng = random.Random(seed)
    kinds = ["coin_jam", "temp_high", "door_open", "sold_out"]
    t0 = 1_700_000_000.0
    return [FaultEvent(f"VM-{rng.randint(0, 7):04d}", rng.choice(kinds), t0 + i * 30.0)
            for i in range(n)]


def main() -> None:
    registry = HandlerRegistry()
    pager = CooldownPager(cooldown=600.0)
    tickets = TicketBook({"coin_jam": "mechanics", "temp_high": "refrigeration",
                          "door_open": "security"})
    registry.register("coin_jam", "temp_high", "door_open")(pager)
    registry.register("coin_jam", "temp_high")(tickets.open_ticket)
    stock_counts = collections.Counter()
    registry.register("sold_out")(lambda e: stock_counts.update([e.machine_id]))

    primary = simulate_faults(60, seed=1)
    backup = [e for e in primary if e.machine_id in {"VM-0001", "VM-0003", "VM-0006"}]
    feeds = [Feed("cellular", primary), Feed("wifi-backup", backup)]
    dispatcher = Dispatcher(registry)
    pumps = [threading.Thread(target=dispatcher.pump, args=(feed,), name=f"pump-{feed.name}")
             for feed in feeds]
    started = time.perf_counter()
    for p in pumps:
        p.start()
    for p in pumps:
        p.join()
    elapsed = time.perf_counter() - started

    closed = sum(tickets.close_ticket(n) for n in list(tickets.tickets)[:3])
    delivered = sum(f.delivered for f in feeds)
    print(f"dispatched {dispatcher.dispatched} events (feeds delivered {delivered}) "
          f"in {elapsed:.2f}s")
    print(f"pages sent: {len(pager.pages)}; tickets open: {len(tickets.tickets)} "
          f"(closed {closed}); sold-out reports: {sum(stock_counts.values())}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    main()
