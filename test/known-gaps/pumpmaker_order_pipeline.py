"""Order pipeline of a small pump maker: orders go through intake, parts
picking and assembly stages connected by queues. Every stage is a callable
object run by one or more worker threads; pickers share the parts store."""
import queue
import random
import threading
import time
from dataclasses import dataclass, field

PIPELINE_CONFIG = {
    "orders": 36,
    "stages": [
        {"stage": "intake", "workers": 1, "delay": 0.001},
        {"stage": "picker", "workers": 3},
        {"stage": "assembly", "workers": 2, "press_time": 0.002},
    ],
    "stock": {"impeller": 40, "casing": 30, "seal_kit": 60, "motor": 25},
    "restock_low": 6,
    "restock_batch": 12,
}

BOMS = {
    "CP-50": {"impeller": 1, "casing": 1, "seal_kit": 2, "motor": 1},
    "SP-20": {"impeller": 2, "casing": 1, "seal_kit": 1},
}

STOP = object()


@dataclass
class Order:
    number: int
    model: str
    picked: dict = field(default_factory=dict)
    short: list = field(default_factory=list)
    serial: str = ""


@dataclass
class Bin:
    part: str
    count: int


class PartsStore:
    def __init__(self, stock, low, batch):
        self.bins = {part: Bin(part, count) for part, count in stock.items()}
        self.low = low
        self.batch = batch
        self.restocks = 0
        self._lock = threading.Lock()

    def reserve(self, part, qty):
        bin_ = self.bins[part]
        if bin_.count >= qty:  # expect: GIL003 -- three picker threads test the shared bin, then take from it, unlocked
            bin_.count -= qty  # expect: GIL002 -- shared bin count decremented by picker threads with no lock
            return True
        return False

    def restock_if_low(self, part):
        with self._lock:
            if self.bins[part].count < self.low:  # ok: GIL003 -- test and refill both under the store lock
                self.bins[part].count += self.batch  # ok: GIL002 -- under the store lock
                self.restocks += 1  # ok: GIL002 -- under the store lock


class Stage:
    """A pipeline stage; an instance is the target of its worker threads."""

    def __init__(self, name, inbox, outbox, **options):
        self.name = name
        self.inbox = inbox
        self.outbox = outbox
        self.options = options

    def handle(self, order):
        return order

    def __call__(self):
        while True:  # ok: GIL001 -- blocks on the queue between light orders
            order = self.inbox.get()
            if order is STOP:
                break
            done = self.handle(order)
            if done is not None and self.outbox is not None:
                self.outbox.put(done)


class Intake(Stage):
    def handle(self, order):
        time.sleep(self.options["delay"])  # read the order from the ERP
        return order if order.model in BOMS else None


class Picker(Stage):
    def __init__(self, name, inbox, outbox, store, **options):
        super().__init__(name, inbox, outbox, **options)
        self.store = store

    def handle(self, order):
        for part, qty in BOMS[order.model].items():
            if self.store.reserve(part, qty):
                order.picked[part] = qty
            else:
                order.short.append(part)
            self.store.restock_if_low(part)
        return order


class Assembly(Stage):
    press_lock = threading.Lock()
    serials = iter(range(1000, 100000))

    def press_fit(self, order):
        self.press_lock.acquire()  # ok: GIL005 -- released in the finally below on every path
        try:
            if order.short:
                return None
            time.sleep(self.options["press_time"])
            order.serial = f"{order.model}-{next(self.serials)}"
            return order
        finally:
            self.press_lock.release()

    def handle(self, order):
        return self.press_fit(order)


STAGE_CLASSES = {"intake": Intake, "picker": Picker, "assembly": Assembly}


def build_pipeline(config, store):
    queues = [queue.Queue() for _ in range(len(config["stages"]) + 1)]
    stages = []
    for i, spec in enumerate(config["stages"]):
        spec = dict(spec)
        cls = STAGE_CLASSES[spec.pop("stage")]
        workers = spec.pop("workers")
        extra = {"store": store} if cls is Picker else {}
        stage = cls(cls.__name__.lower(), queues[i], queues[i + 1], **extra, **spec)
        stages.append((stage, workers))
    return queues, stages


def generate_orders(count, seed=7):
    rng = random.Random(seed)
    for number in range(count):
        yield Order(number, rng.choice(sorted(BOMS) + ["XX-99"]))


def main():
    cfg = PIPELINE_CONFIG
    store = PartsStore(cfg["stock"], cfg["restock_low"], cfg["restock_batch"])
    queues, stages = build_pipeline(cfg, store)
    for order in generate_orders(cfg["orders"]):
        queues[0].put(order)
    crews = []
    for stage, workers in stages:
        threads = [threading.Thread(target=stage, name=f"{stage.name}-{i}") for i in range(workers)]
        for t in threads:
            t.start()
        crews.append((stage, threads))
    for stage, threads in crews:  # shut the stages down front to back
        for _ in threads:
            stage.inbox.put(STOP)
        for t in threads:
            t.join()
    finished = []
    while not queues[-1].empty():
        finished.append(queues[-1].get_nowait())
    built = [o for o in finished if o.serial]
    print(f"built {len(built)} pumps, {store.restocks} restocks")
    print({part: b.count for part, b in store.bins.items()})


if __name__ == "__main__":
    main()
