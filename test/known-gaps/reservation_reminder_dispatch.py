"""Reservation reminder dispatcher.

A scanner thread walks tomorrow's bookings and queues an SMS reminder for
each reservation inside the reminder window; sender threads drain the
outbox and push the messages to the SMS gateway over its line protocol.
The gateway allows a few requests in flight, but replies are read on one
shared connection, so request/response pairs are serialised.
"""
import logging
import random
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass

log = logging.getLogger("booking.reminders")


class GatewayError(RuntimeError):
    pass


@dataclass(frozen=True)
class Booking:
    ref: str
    phone: str
    minute_of_day: int
    covers: int
    opted_in: bool = False


class ReminderOutbox:
    """Condition-protected FIFO; get() returns None once closed and drained."""

    def __init__(self):
        self._cond = threading.Condition()
        self._items = deque()
        self._closed = False
        self.enqueued = 0

    def put(self, item):
        with self._cond:
            self._items.append(item)
            self.enqueued += 1  # ok: GIL002
            self._cond.notify()

    def close(self):
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def get(self):
        with self._cond:
            self._cond.wait_for(lambda: self._items or self._closed)
            if not self._items:  # ok: GIL003
                return None
            return self._items.popleft()


class SmsGateway:
    def __init__(self, sock, in_flight=3):
        self.sock = sock
        self._slots = threading.Semaphore(in_flight)
        self._wire = threading.Lock()
        self._reader = sock.makefile("rb")
        self.sent = 0

    def send(self, phone, text):
        with self._slots:
            self._wire.acquire()  # expect: GIL005
            self.sock.sendall(f"SEND {phone} {text}\n".encode())
            reply = self._reader.readline()
            if reply.startswith(b"ERR"):
                raise GatewayError(reply.decode().strip())
            self._wire.release()
            self.sent += 1  # expect: GIL002
        return reply

    def close(self):
        self._reader.close()
        self.sock.close()

    def ping(self):
        self._wire.acquire()  # ok: GIL005
        try:
            self.sock.sendall(b"PING\n")
            return self._reader.readline().strip()
        finally:
            self._wire.release()


def gateway_simulator(sock, latency):
    """The SMS provider side: acknowledges each line after a short delay."""
    with sock, sock.makefile("rb") as lines:
        for line in lines:  # ok: GIL001
            time.sleep(latency)
            word = line.split(b" ", 1)[0].strip()
            sock.sendall(b"PONG\n" if word == b"PING" else b"OK queued\n")


class ReminderWorker:
    def __init__(self, name, outbox, gateway):
        self.name = name
        self.outbox = outbox
        self.gateway = gateway
        self.delivered = 0

    def run(self):
        while (item := self.outbox.get()) is not None:  # ok: GIL001
            phone, text = item
            self.gateway.send(phone, text)
            self.delivered += 1  # ok: GIL002


def normalise_phone(raw):
    digits = "".join(ch for ch in raw if ch.isdigit())
    return "0" + digits[2:] if digits.startswith("44") else digits


class BookingScanner:
    def __init__(self, outbox, window):
        self.outbox = outbox
        self.window = window

    def scan(self, bookings):
        lo, hi = self.window
        for b in bookings:  # expect: GIL001
            phone = normalise_phone(b.phone)
            if not (b.opted_in and lo <= b.minute_of_day < hi) or len(phone) != 11:
                continue
            hh, mm = divmod(b.minute_of_day, 60)
            self.outbox.put((phone, f"Table for {b.covers} at {hh:02d}:{mm:02d} ref {b.ref}"))
        self.outbox.close()


def start_threads(targets, *, prefix, **thread_kwargs):
    """Start one thread per target; returns them for joining."""
    threads = [threading.Thread(target=t, name=f"{prefix}-{i}", **thread_kwargs)
               for i, t in enumerate(targets)]
    for t in threads:
        t.start()
    return threads


def main():
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    rng = random.Random(5)
    bookings = [Booking(f"R{i:06d}", f"+4477009{rng.randrange(10**5):05d}",
                        rng.randrange(11 * 60, 23 * 60), rng.randint(1, 8), rng.random() < 0.05)
                for i in range(60000)]
    ours, theirs = socket.socketpair()
    provider = threading.Thread(target=gateway_simulator, args=(theirs, 0.001), daemon=True)
    provider.start()

    outbox = ReminderOutbox()
    gateway = SmsGateway(ours)
    print("gateway:", gateway.ping().decode())
    workers = [ReminderWorker(f"sender-{i}", outbox, gateway) for i in range(3)]
    scanner = BookingScanner(outbox, window=(18 * 60, 19 * 60))
    started = time.perf_counter()
    threads = start_threads([w.run for w in workers], prefix="sender")
    threads += start_threads([lambda: scanner.scan(bookings)], prefix="scanner")
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    gateway.close()
    provider.join(timeout=1)
    print(f"queued={outbox.enqueued} sent={gateway.sent} in {elapsed:.2f}s")
    print("per sender:", {w.name: w.delivered for w in workers})


if __name__ == "__main__":
    main()
