# Models order pickers drawing stock from a warehouse's dict of Bin objects.
"""Pickers share one Warehouse; each picker owns its own list of order dicts."""
import threading
import time


class Bin:
    def __init__(self, sku, qty):
        self.sku = sku
        self.qty = qty
        self.picks = 0


class Warehouse:
    def __init__(self, stock):
        self.bins = {sku: Bin(sku, qty) for sku, qty in stock.items()}
        self.backorders = {}
        self.lock = threading.Lock()

    def pick_fast(self, sku, n):
        b = self.bins[sku]
        if b.qty >= n:  # expect: GIL003
            b.qty -= n  # expect: GIL002
            b.picks += 1  # expect: GIL002
            return True
        return False

    def pick_locked(self, sku, n):
        with self.lock:
            b = self.bins[sku]
            if b.qty >= n:  # ok: GIL003
                b.qty -= n  # ok: GIL002
                return True
            self.backorders[sku] = self.backorders.get(sku, 0) + n  # ok: GIL002
            return False

    def restock(self, sku, n):
        self.lock.acquire()  # expect: GIL005
        b = self.bins.get(sku)
        if b is None:
            return False
        b.qty += n  # ok: GIL002
        self.lock.release()
        return True

    def on_hand(self):
        self.lock.acquire()  # ok: GIL005
        try:
            return {sku: b.qty for sku, b in self.bins.items()}
        finally:
            self.lock.release()


class Picker(threading.Thread):
    def __init__(self, name, warehouse, orders, careful):
        super().__init__(name=name)
        self.warehouse = warehouse
        self.orders = orders
        self.careful = careful
        self.filled = []

    def run(self):
        pick = self.warehouse.pick_locked if self.careful else self.warehouse.pick_fast
        for order in self.orders:
            order["attempts"] += 1  # ok: GIL002
            if pick(order["sku"], order["qty"]):
                order["status"] = "picked"
                self.filled.append(order["id"])
            else:
                order["status"] = "short"
            time.sleep(0.001)
        self.warehouse.restock("SKU-1", 2)


def make_orders(picker_no, count):
    skus = ["SKU-1", "SKU-2", "SKU-3"]
    return [
        {"id": f"{picker_no}-{i}", "sku": skus[(picker_no + i) % 3], "qty": 1 + i % 3, "attempts": 0, "status": "new"}
        for i in range(count)
    ]


def main():
    wh = Warehouse({"SKU-1": 40, "SKU-2": 25, "SKU-3": 30})
    pickers = [Picker(f"picker-{i}", wh, make_orders(i, 12), careful=(i % 2 == 0)) for i in range(4)]
    for p in pickers:
        p.start()
    for p in pickers:
        p.join()
    for p in pickers:
        short = sum(1 for o in p.orders if o["status"] == "short")
        print(f"{p.name}: filled={len(p.filled)} short={short}")
    print("on hand:", wh.on_hand())
    print("backorders:", wh.backorders)


if __name__ == "__main__":
    main()
