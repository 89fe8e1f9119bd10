"""Reed shop order desk: an asyncio front end with a thread-pool back office.

Order handlers register per instrument with a decorator; the desk looks them
up by name.  Stock lookups run in an executor, receipts are written through
asyncio.to_thread, and a label printer answers on a local socket pair.
"""
import asyncio
import json
import os
import socket
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

CONFIG = {"throttle_s": 0.002, "lookup_s": 0.01, "orders": 12, "workers": 4,
          "stock": {"oboe": 40, "bassoon": 25, "clarinet": 200}}

HANDLERS = {}


def handles(kind):
    def deco(fn):
        HANDLERS[kind] = fn
        return fn
    return deco


@dataclass
class Order:
    order_id: int
    kind: str
    quantity: int
    strength: str


class PriceBook:
    RATES = {"oboe": 28.0, "bassoon": 34.0, "clarinet": 4.5}

    @classmethod
    def quote(cls, order):
        cls._respect_supplier_rate_limit()
        return round(cls.RATES[order.kind] * order.quantity, 2)

    @staticmethod
    def _respect_supplier_rate_limit():
        time.sleep(CONFIG["throttle_s"])  # expect: GIL004 -- reached from coroutines handle_oboe/handle_bassoon via PriceBook.quote, blocks the event loop


class Warehouse:
    def __init__(self, stock):
        self.stock = dict(stock)
        self._lock = threading.Lock()
        self.lookups = 0

    def slow_lookup(self, kind):
        time.sleep(CONFIG["lookup_s"])  # ok: GIL004 -- slow_lookup runs in executor threads (run_in_executor), not on the loop
        self.lookups += 1  # expect: GIL002 -- several executor threads run slow_lookup at once; shared counter, no lock
        return self.stock.get(kind, 0)

    def reserve(self, kind, qty):
        if not self._lock.acquire(timeout=1.0):  # ok: GIL005 -- the failure path never owned the lock; the success path releases in finally
            return False
        try:
            if self.stock.get(kind, 0) < qty:  # ok: GIL003 -- tested and decremented with the lock held
                return False
            self.stock[kind] -= qty  # ok: GIL002 -- lock held
            return True
        finally:
            self._lock.release()


class ReceiptPrinter:
    def __init__(self, directory):
        self.directory = directory

    def write(self, order, amount):
        path = os.path.join(self.directory, f"receipt_{order.order_id:04d}.json")
        with open(path, "w", encoding="utf-8") as fh:  # ok: GIL004 -- write() is run through asyncio.to_thread
            json.dump({"order": order.order_id, "kind": order.kind, "amount": amount}, fh)
        return path


class LabelPrinter:
    """Talks to the label printer's firmware over a socket pair."""

    def __init__(self, sock):
        self.sock = sock

    def __call__(self, order):
        return self._roundtrip(f"LABEL {order.order_id} {order.strength}\n".encode())

    def _roundtrip(self, payload):
        self.sock.sendall(payload)  # expect: GIL004 -- blocking socket send, reached from the coroutine handle_clarinet via __call__
        return self.sock.recv(64)  # expect: GIL004 -- blocking recv on the event-loop thread


def printer_firmware(sock):
    while True:  # ok: GIL001 -- waits in recv for each label request
        data = sock.recv(64)
        if not data:
            break
        sock.sendall(b"OK " + data.split()[1] + b"\n")


class OrderDesk:
    def __init__(self, warehouse, printer, labeller, executor):
        self.warehouse = warehouse
        self.printer = printer
        self.labeller = labeller
        self.executor = executor
        self.handled = 0

    async def dispatch(self, order):
        handler = HANDLERS[order.kind]
        amount = await handler(self, order)
        self.handled += 1  # ok: GIL002 -- only coroutines on the single event-loop thread touch handled
        await asyncio.to_thread(self.printer.write, order, amount)
        return order.order_id, amount

    async def available(self, kind):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, self.warehouse.slow_lookup, kind)

    async def reserve(self, order):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, self.warehouse.reserve, order.kind, order.quantity)


@handles("oboe")
async def handle_oboe(desk, order):
    have = await desk.available("oboe")
    if have < order.quantity or not await desk.reserve(order):
        return 0.0
    return PriceBook.quote(order)


@handles("bassoon")
async def handle_bassoon(desk, order):
    await asyncio.sleep(0.005)  # ok: GIL004 -- asyncio.sleep yields to the loop
    if not await desk.reserve(order):
        return 0.0
    return PriceBook.quote(order)


@handles("clarinet")
async def handle_clarinet(desk, order):
    if not await desk.reserve(order):
        return 0.0
    reply = desk.labeller(order)
    return round(PriceBook.RATES["clarinet"] * order.quantity * (1.0 if reply.startswith(b"OK") else 0.0), 2)


def generate_orders(count):
    kinds = ("oboe", "bassoon", "clarinet")
    strengths = ("soft", "medium", "hard")
    for i in range(count):
        yield Order(i, kinds[i % 3], 2 + i % 4, strengths[(i // 3) % 3])


async def take_orders(desk, count):
    started = time.perf_counter()
    results = await asyncio.gather(*(desk.dispatch(o) for o in generate_orders(count)))
    return results, time.perf_counter() - started


def main():
    front, back = socket.socketpair()
    firmware = threading.Thread(target=printer_firmware, args=(back,), daemon=True)
    firmware.start()
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max_workers=CONFIG["workers"]) as pool:
        desk = OrderDesk(Warehouse(CONFIG["stock"]), ReceiptPrinter(tmp), LabelPrinter(front), pool)
        results, elapsed = asyncio.run(take_orders(desk, CONFIG["orders"]))
        receipts = sorted(os.listdir(tmp))
    front.close()
    firmware.join(timeout=1.0)
    back.close()
    total = sum(amount for _, amount in results)
    print(f"orders={len(results)} handled={desk.handled} receipts={len(receipts)} total=${total:.2f}")
    print(f"lookups={desk.warehouse.lookups} stock={desk.warehouse.stock} in {elapsed:.3f}s")

if __name__ == "__main__":
    main()
