"""In-process event bus: plugins subscribe by decorator, publisher threads fan events out."""
import collections
import functools
import threading

PUBLISHERS = 3
EVENTS_PER_PUBLISHER = 150

SUBSCRIBERS = collections.defaultdict(list)
HANDLER_COUNT = {}
SEEN_ORDERS = set()
welcome_emails = []
released = []


def subscribe(topic):
    def register(fn):
        SUBSCRIBERS[topic].append(fn)
        HANDLER_COUNT[topic] = HANDLER_COUNT.get(topic, 0) + 1  # ok: GIL002
        return fn
    return register


def counted(fn):
    calls = 0

    @functools.wraps(fn)
    def wrapper(event):
        nonlocal calls
        calls += 1  # expect: GIL002
        return fn(event)

    wrapper.calls = lambda: calls
    return wrapper


@subscribe("order.created")
@counted
def reserve_stock(event):
    return f"reserved stock for {event['order']}"


@subscribe("order.created")
def send_welcome(event):
    if event["order"] not in SEEN_ORDERS:  # expect: GIL003
        SEEN_ORDERS.add(event["order"])
        welcome_emails.append((event["customer"], event["order"]))


@subscribe("order.cancelled")
@counted
def release_stock(event):
    released.append(event["order"])


def publish(topic, event):
    for handler in SUBSCRIBERS.get(topic, ()):
        handler(event)


def publisher(pid):
    for n in range(EVENTS_PER_PUBLISHER):
        topic = "order.cancelled" if n % 5 == 0 else "order.created"
        publish(topic, {
            "order": f"ord-{(n * 7 + pid) % 60}",
            "customer": f"cust-{n % 23}",
            "source": f"gateway-{pid}",
        })


def main():
    threads = [threading.Thread(target=lambda p=p: publisher(p)) for p in range(PUBLISHERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("handlers per topic:", HANDLER_COUNT)
    print("reserve_stock calls:", reserve_stock.calls())
    print("release_stock calls:", release_stock.calls(), "released:", len(released))
    print("welcome emails:", len(welcome_emails), "distinct orders:", len(SEEN_ORDERS))


if __name__ == "__main__":
    main()
