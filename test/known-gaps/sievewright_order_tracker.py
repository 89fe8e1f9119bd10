"""Order tracker for a sievewright's workshop.

An asyncio loop walks each order through its states; the carrier is reached
over a socket, pickup waits go through a courier helper, and shipping labels
are printed in the default executor.  Once an order is crated, a Timer thread
fires to mark its crate shipped, bill it and notify the customer through
notifier callbacks registered by name.
"""
import asyncio
import functools
import socket
import threading
import time
from dataclasses import dataclass, field

PRICES = {"riddle-12": 38.0, "flour-60": 52.0, "tamis-80": 64.0}
PICKUP_WAIT_S = 0.01
LABEL_PRINT_S = 0.01
SHIP_DELAY_S = 0.02

ORDER_ROWS = [("A-1", "riddle-12", "crate-1", ["email"]), ("A-2", "flour-60", "crate-1", ["email", "sms"]),
              ("A-3", "tamis-80", "crate-2", ["sms"]), ("A-4", "flour-60", "crate-2", ["email"])]

NOTIFIERS = {}


def notifier(channel):
    def register(fn):
        NOTIFIERS[channel] = fn
        return fn
    return register


@notifier("email")
def send_email(order, outbox):
    outbox.append(f"mail {order.oid}: shipped in {order.crate}")


@notifier("sms")
def send_sms(order, outbox):
    outbox.append(f"sms {order.oid}: on its way")


@dataclass
class Order:
    oid: str
    model: str
    crate: str
    notify: list
    history: list = field(default_factory=list)

    @classmethod
    def from_row(cls, row):
        oid, model, crate, notify = row
        return cls(oid, model, crate, list(notify))


class Courier:
    @staticmethod
    def wait_for_pickup(order):
        time.sleep(PICKUP_WAIT_S)  # expect: GIL004 -- staticmethod called straight from the track coroutine; blocks the loop
        return f"picked up {order.oid}"


def carrier(conn):
    while True:
        req = conn.recv(128)  # ok: GIL004 -- blocking recv in the carrier thread, not in a coroutine
        if not req:
            break
        conn.sendall(b"IN-TRANSIT " + req.strip())
    conn.close()


class Tracker:
    def __init__(self, link):
        self.link = link
        self.crates_shipped = {}
        self.shipped_count = 0
        self.revenue = 0.0
        self.outbox = []
        self.tracked = 0
        self._ledger_lock = threading.Lock()
        self._carrier_lock = threading.Lock()

    def _poll_carrier(self, oid):
        with self._carrier_lock:
            self.link.sendall(oid.encode() + b"\n")
            return self.link.recv(128).decode()  # expect: GIL004 -- reached through a partial called directly in the coroutine

    def print_label(self, order):
        time.sleep(LABEL_PRINT_S)  # ok: GIL004 -- print_label runs in the default executor via run_in_executor
        return f"label {order.oid}"

    async def track(self, order):
        self.tracked += 1  # ok: GIL002 -- only the event-loop thread updates tracked
        order.history.append(Courier.wait_for_pickup(order))
        status = functools.partial(self._poll_carrier, order.oid)
        order.history.append(status())
        loop = asyncio.get_running_loop()
        order.history.append(await loop.run_in_executor(None, self.print_label, order))
        return order

    def mark_shipped(self, order):
        if order.crate not in self.crates_shipped:  # expect: GIL003 -- two Timer threads with the same crate race past the test
            self.crates_shipped[order.crate] = []
        self.crates_shipped[order.crate].append(order.oid)
        self.shipped_count += 1  # expect: GIL002 -- every Timer thread bumps this shared count unlocked
        self.bill(order)
        for channel in order.notify:  # ok: GIL001 -- one or two notifier callbacks per order
            NOTIFIERS[channel](order, self.outbox)

    def bill(self, order):
        self._ledger_lock.acquire()  # expect: GIL005 -- PRICES[order.model] raises KeyError for an unknown model; lock stays held
        amount = PRICES[order.model] * 1.2
        self.revenue += amount  # ok: GIL002 -- between acquire() and release() of the ledger lock
        self._ledger_lock.release()


async def run_tracker(tracker, orders):
    return await asyncio.gather(*(tracker.track(o) for o in orders))


def main():
    here, there = socket.socketpair()
    threading.Thread(target=carrier, args=(there,), daemon=True).start()
    tracker = Tracker(here)
    orders = [Order.from_row(row) for row in ORDER_ROWS]
    for o in asyncio.run(run_tracker(tracker, orders)):
        print(o.oid, " | ".join(o.history))
    timers = [threading.Timer(SHIP_DELAY_S, tracker.mark_shipped, args=(o,)) for o in orders]
    for t in timers:
        t.start()
    for t in timers:
        t.join()
    here.close()
    print("crates:", tracker.crates_shipped, "shipped:", tracker.shipped_count)
    print(f"revenue {tracker.revenue:.2f}")
    for msg in tracker.outbox:
        print(" ", msg)


if __name__ == "__main__":
    main()
