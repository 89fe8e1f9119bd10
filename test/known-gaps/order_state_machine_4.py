"""Fulfilment centre: each order runs on its own thread through a state machine
whose (shared, flyweight) state objects do the work."""
import threading

N_ORDERS = 4
VALIDATION_ROUNDS = 150_000     # address/payment checksum rounds per order

STOCK_LOCK = threading.Lock()
STOCK = {"lamp": 10, "desk": 10}
SHIPPED_TOTAL = 0


class OrderContext:
    def __init__(self, order_id, sku):
        self.order_id = order_id
        self.sku = sku
        self.state = None
        self.transitions = 0
        self.checksum = 0

    def transition_to(self, state):
        self.state = state
        self.transitions += 1  # ok: GIL002
        if state is not None:
            state.enter(self)


class Received:
    name = "received"

    def enter(self, ctx):
        ctx.transition_to(VALIDATING)


class Validating:
    name = "validating"

    def enter(self, ctx):
        acc = ctx.order_id
        for rnd in range(VALIDATION_ROUNDS):  # expect: GIL001
            acc = (acc * 1103515245 + rnd) % 2147483648
        ctx.checksum = acc
        ctx.transition_to(PACKING)


class Packing:
    name = "packing"

    def __init__(self):
        self.packed = 0

    def enter(self, ctx):
        with STOCK_LOCK:
            STOCK[ctx.sku] -= 1  # ok: GIL002
        self.packed += 1  # expect: GIL002
        ctx.transition_to(SHIPPED)


class Shipped:
    name = "shipped"

    def enter(self, ctx):
        global SHIPPED_TOTAL
        SHIPPED_TOTAL += 1  # expect: GIL002
        ctx.transition_to(None)


RECEIVED = Received()
VALIDATING = Validating()
PACKING = Packing()
SHIPPED = Shipped()


def main():
    orders = [OrderContext(i, "lamp" if i % 2 else "desk") for i in range(N_ORDERS)]
    threads = [threading.Thread(target=o.transition_to, args=(RECEIVED,)) for o in orders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for o in orders:
        print(o.order_id, o.sku, "transitions:", o.transitions, "checksum:", o.checksum)
    print("packed:", PACKING.packed, "shipped:", SHIPPED_TOTAL, "stock:", STOCK)


if __name__ == "__main__":
    main()
