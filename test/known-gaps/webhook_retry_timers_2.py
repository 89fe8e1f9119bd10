"""Webhook delivery with retries: every delivery gets a retry timer and a
deadline timer; whichever fires decides what happens to the delivery."""
import threading
import time

DEADLINE = 0.12
FIRST_RETRY = 0.02
MAX_ATTEMPTS = 4

stats_lock = threading.Lock()
attempts_made = 0
expired_count = 0


class Delivery:
    def __init__(self, delivery_id, endpoint, flaky_until):
        self.delivery_id = delivery_id
        self.endpoint = endpoint
        self.flaky_until = flaky_until
        self.state = "pending"
        self.attempts = 0
        self.log = []


class FakeTransport:
    def send(self, delivery):
        time.sleep(0.005)
        return delivery.attempts > delivery.flaky_until


transport = FakeTransport()
registry = {}


def attempt(delivery):
    global attempts_made
    if delivery.state == "pending":  # expect: GIL003
        delivery.attempts += 1  # ok: GIL002
        with stats_lock:
            attempts_made += 1  # ok: GIL002
        if transport.send(delivery):
            delivery.state = "delivered"
            delivery.log.append(("delivered", delivery.attempts))
        elif delivery.attempts < MAX_ATTEMPTS:
            schedule(FIRST_RETRY * 2 ** delivery.attempts, attempt, delivery)


def expire(delivery):
    global expired_count
    if delivery.state == "pending":  # expect: GIL003
        delivery.state = "expired"
        delivery.log.append(("expired", delivery.attempts))
        expired_count += 1  # expect: GIL002


def schedule(delay, action, delivery):
    timer = threading.Timer(delay, action, args=(delivery,))
    timer.daemon = True
    timer.start()
    return timer


def main():
    endpoints = ["billing", "crm", "search", "audit", "mailer", "warehouse"]
    for i, endpoint in enumerate(endpoints):
        registry[i] = Delivery(i, f"https://{endpoint}.internal/hook", flaky_until=i % 4)

    deadlines = []
    for delivery in registry.values():
        schedule(FIRST_RETRY / 4, attempt, delivery)
        deadlines.append(schedule(DEADLINE, expire, delivery))
    for timer in deadlines:
        timer.join()
    time.sleep(0.05)

    for delivery in registry.values():
        print(f"{delivery.endpoint:35s} {delivery.state:9s} attempts={delivery.attempts} "
              f"log={delivery.log}")
    print(f"attempts made: {attempts_made}, expired: {expired_count}")


if __name__ == "__main__":
    main()
