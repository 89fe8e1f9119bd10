"""Warehouse event bus: handler classes subscribe to an event type through a
decorator; the bus runs each subscriber's batch on its own thread."""
import threading

SUBSCRIBERS = {}
STOCK = {"pallet-jack": 4, "shrink-wrap": 30, "label-roll": 12}
STOCK_LOCK = threading.Lock()
JOURNAL_LOCK = threading.Lock()
JOURNAL = []


def subscribes(event_type):
    def deco(cls):
        SUBSCRIBERS.setdefault(event_type, []).append(cls)
        return cls
    return deco


@subscribes("order_placed")
class ReserveStock:
    def handle(self, batch):
        for ev in batch:
            with STOCK_LOCK:
                if STOCK[ev["sku"]] >= ev["qty"]:  # ok: GIL003
                    STOCK[ev["sku"]] -= ev["qty"]  # ok: GIL002


@subscribes("goods_received")
class Restock:
    def handle(self, batch):
        for ev in batch:
            STOCK[ev["sku"]] += ev["qty"]  # expect: GIL002


@subscribes("order_placed")
@subscribes("goods_received")
class AuditTrail:
    def handle(self, batch):
        for ev in batch:
            JOURNAL_LOCK.acquire()  # expect: GIL005
            if ev.get("test"):
                continue
            JOURNAL.append((ev["sku"], ev["qty"]))
            JOURNAL_LOCK.release()


def publish(event_type, batch):
    threads = [threading.Thread(target=cls().handle, args=(batch,))
               for cls in SUBSCRIBERS.get(event_type, [])]
    for t in threads:
        t.start()
    return threads


if __name__ == "__main__":
    orders = [{"sku": "shrink-wrap", "qty": 3}, {"sku": "pallet-jack", "qty": 1},
              {"sku": "label-roll", "qty": 5}]
    receipts = [{"sku": "shrink-wrap", "qty": 10}, {"sku": "label-roll", "qty": 6}]
    running = publish("order_placed", orders) + publish("goods_received", receipts)
    for t in running:
        t.join()
    print(STOCK, len(JOURNAL), "journal entries")
