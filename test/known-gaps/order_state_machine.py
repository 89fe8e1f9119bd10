"""Order workflow as a state machine: each transition is validated, then applied."""
import threading
import time

TRANSITIONS = {
    ("new", "pay"): "paid",
    ("paid", "pack"): "packed",
    ("packed", "ship"): "shipped",
    ("new", "cancel"): "cancelled",
    ("paid", "cancel"): "refunding",
    ("refunding", "refund"): "cancelled",
}


class InvalidTransition(Exception):
    pass


class Order:
    def __init__(self, order_id):
        self.order_id = order_id
        self.state = "new"
        self.history = []
        self._lock = threading.Lock()

    def can(self, event):
        return (self.state, event) in TRANSITIONS

    def apply(self, event):
        with self._lock:
            key = (self.state, event)
            if key not in TRANSITIONS:  # ok: GIL003
                raise InvalidTransition(f"order {self.order_id}: {event!r} from {self.state!r}")
            self.state = TRANSITIONS[key]
            self.history.append(event)

    def try_apply(self, event):
        with self._lock:
            if (self.state, event) not in TRANSITIONS:
                return False
            self.state = TRANSITIONS[(self.state, event)]
            self.history.append(event)
            return True


def fulfilment(orders):
    for order in orders:  # ok: GIL001
        for event in ("pay", "pack", "ship"):
            time.sleep(0.001)
            if order.can(event):  # expect: GIL003
                order.apply(event)


def customer_service(orders, cancelled):
    for order in orders[::3]:  # ok: GIL001
        time.sleep(0.002)
        if order.try_apply("cancel"):  # ok: GIL003
            order.try_apply("refund")
            cancelled.append(order.order_id)


def main():
    orders = [Order(n) for n in range(90)]
    cancelled = []
    threads = [
        threading.Thread(target=fulfilment, args=(orders,), name="fulfilment"),
        threading.Thread(target=customer_service, args=(orders, cancelled), name="support"),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    final = {}
    for order in orders:
        final[order.state] = final.get(order.state, 0) + 1
    print("final states:", final)
    print(f"cancelled by support: {len(cancelled)}")


if __name__ == "__main__":
    main()
