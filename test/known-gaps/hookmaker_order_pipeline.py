"""Hook works order line: pick wire -> form hooks -> pack -> notify the customer.

Stage callables (plain functions and a FormingPress object) register in order
with a decorator; a StageWorker thread runs each of them between two queues.
Customer notices go to an asyncio event loop that runs in its own thread and
receives coroutines with run_coroutine_threadsafe.
"""
import asyncio
import itertools
import queue
import threading
import time
from dataclasses import dataclass

LINE = {
    "orders": 16,
    "pick_workers": 2,
    "inventory": {"0.7": 900, "0.9": 700, "1.1": 60},
    "form_s": 0.001,
    "smtp_s": 0.002,
}

STAGES = []


def stage(name, workers=1):
    def deco(fn):
        STAGES.append({"name": name, "fn": fn, "workers": workers})
        return fn
    return deco


@dataclass
class Order:
    number: int
    customer: str
    gauge: str
    hooks: int
    picked: bool = False
    boxes: int = 0


INVENTORY = dict(LINE["inventory"])
SHORTAGES = []
pack_lock = threading.Lock()
packed_boxes = 0


@stage("pick", workers=LINE["pick_workers"])
def pick_wire(order):
    need = order.hooks // 10 + 1
    if INVENTORY[order.gauge] >= need:  # expect: GIL003 -- two pick workers test the shared stock, then take from it without a lock
        time.sleep(0.001)  # ok: GIL004 -- plain stage function on a worker thread, not a coroutine
        INVENTORY[order.gauge] -= need  # expect: GIL002 -- shared inventory dict updated by both pick workers without a lock
        order.picked = True
    else:
        SHORTAGES.append(order.number)
    return order


class FormingPress:
    def __init__(self, seconds):
        self.seconds = seconds
        self.strokes = 0

    def __call__(self, order):
        if order.picked:
            time.sleep(self.seconds)
            self.strokes += order.hooks  # ok: GIL002 -- the form stage has a single worker, the only writer; main reads after join
        return order


PRESS = stage("form")(FormingPress(LINE["form_s"]))


@stage("pack")
def pack(order):
    global packed_boxes
    order.boxes = -(-order.hooks // 50) if order.picked else 0
    with pack_lock:
        packed_boxes += order.boxes  # ok: GIL002 -- pack_lock held
    return order


class StageWorker(threading.Thread):
    def __init__(self, spec, inbox, outbox, index):
        super().__init__(name=f"{spec['name']}-{index}", daemon=True)
        self.fn = spec["fn"]
        self.inbox = inbox
        self.outbox = outbox

    def run(self):
        while True:  # ok: GIL001 -- blocks on the inbox; each order is a short sleep or a few operations
            order = self.inbox.get()
            if order is None:
                break
            self.outbox.put(self.fn(order))


class Mailer:
    def __init__(self, seconds):
        self.seconds = seconds
        self.sent = []

    def deliver(self, message):
        self._smtp_roundtrip(message)
        self.sent.append(message)

    def _smtp_roundtrip(self, message):
        time.sleep(self.seconds)  # expect: GIL004 -- reached from the notify() coroutine; blocks the notifier thread's event loop


class Notifier(threading.Thread):
    """An asyncio event loop running in its own thread."""

    def __init__(self, mailer):
        super().__init__(name="notifier", daemon=True)
        self.loop = asyncio.new_event_loop()
        self.mailer = mailer

    def run(self):
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()
        self.loop.close()

    async def notify(self, order):
        await asyncio.sleep(0)  # ok: GIL004 -- asyncio.sleep yields to the loop
        self.mailer.deliver(f"{order.customer}: order {order.number}, {order.boxes} boxes")
        return order.number

    def submit(self, order):
        return asyncio.run_coroutine_threadsafe(self.notify(order), self.loop)

    def stop(self):
        self.loop.call_soon_threadsafe(self.loop.stop)


def order_book(count):
    customers = itertools.cycle(["Lindqvist Tackle", "Brae Flies", "Harbour Co-op"])
    gauges = itertools.cycle(LINE["inventory"])
    for n in range(count):
        yield Order(n, next(customers), next(gauges), 120 + 35 * (n % 7))


def build_line(stages):
    queues = [queue.Queue() for _ in range(len(stages) + 1)]
    workers = []
    for i, spec in enumerate(stages):
        workers.append([StageWorker(spec, queues[i], queues[i + 1], k) for k in range(spec["workers"])])
    return queues, workers


def main():
    queues, workers = build_line(STAGES)
    notifier = Notifier(Mailer(LINE["smtp_s"]))
    notifier.start()
    for group in workers:
        for w in group:
            w.start()
    for order in order_book(LINE["orders"]):
        queues[0].put(order)
    for i, group in enumerate(workers):
        for _ in group:
            queues[i].put(None)
        for w in group:
            w.join()
    done = []
    while not queues[-1].empty():
        done.append(queues[-1].get())
    receipts = [notifier.submit(order) for order in sorted(done, key=lambda o: o.number)]
    numbers = [f.result(timeout=2.0) for f in receipts]
    notifier.stop()
    notifier.join()
    print(f"orders through the line={len(done)} notified={numbers}")
    print(f"inventory left={INVENTORY} shortages={sorted(SHORTAGES)}")
    print(f"press strokes={PRESS.strokes} packed boxes={packed_boxes} mails={len(notifier.mailer.sent)}")


if __name__ == "__main__":
    main()
