"""Turnpike ticket ledger: a ticket bought at one gate clears the next gates the same day.

Travellers present their tickets at gates served by a thread pool; the trust's clerk audits the
ledger on a timer. Redemption has a careful path (under the ledger guard) and a fast path that
the busy gates use.
"""
import functools
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass

log = logging.getLogger("turnpike.ledger")

DAY = {
    "tickets": ["T100", "T101", "T102", "T103", "T104"],
    "fast_gates": ["Brentford", "Hounslow"],
    "careful_gates": ["Cranford", "Colnbrook"],
    "stamp_s": 0.003,
    "audit_after_s": 0.004,
}


class Guarded:
    """Context manager around a lock, with a label for the log."""

    def __init__(self, lock, label):
        self._lock = lock
        self.label = label
        self.entries = 0

    def __enter__(self):
        self._lock.acquire()  # ok: GIL005
        self.entries += 1  # ok: GIL002
        return self

    def __exit__(self, exc_type, exc, tb):
        self._lock.release()
        return False


@dataclass(frozen=True)
class Presentation:
    ticket: str
    gate: str
    traveller: str


class TicketLedger:
    def __init__(self, tickets, stamp_s):
        self.issued = set(tickets)
        self.redeemed = set()
        self.refused = []
        self.stamp_s = stamp_s
        self.guard = Guarded(threading.Lock(), "ledger")
        self.careful_count = 0
        self.fast_count = 0
        self._callbacks = []

    def on_redeem(self, callback):
        self._callbacks.append(callback)
        return callback

    def _stamp(self, ticket, gate):
        time.sleep(self.stamp_s)
        return f"{ticket}@{gate}"

    def _announce(self, presentation, accepted):
        for callback in self._callbacks:
            callback(presentation, accepted)

    def redeem_careful(self, p):
        with self.guard:
            if p.ticket in self.issued and p.ticket not in self.redeemed:  # ok: GIL003
                self._stamp(p.ticket, p.gate)
                self.redeemed.add(p.ticket)
                self.careful_count += 1  # ok: GIL002
                accepted = True
            else:
                self.refused.append(p)
                accepted = False
        self._announce(p, accepted)
        return accepted

    def redeem_fast(self, p):
        if p.ticket not in self.redeemed:  # expect: GIL003
            self._stamp(p.ticket, p.gate)
            self.redeemed.add(p.ticket)
            self.fast_count += 1  # expect: GIL002
            self._announce(p, True)
            return True
        self.refused.append(p)
        self._announce(p, False)
        return False

    def audit(self):
        with self.guard:
            outstanding = sorted(self.issued - self.redeemed)
        log.info("audit: %d outstanding", len(outstanding))
        self.last_audit = outstanding


def gate_handler(ledger, gate, careful):
    """Factory: the function a pool thread runs for each traveller at this gate."""
    redeem = ledger.redeem_careful if careful else ledger.redeem_fast

    @functools.wraps(redeem)
    def handle(traveller, ticket):
        return redeem(Presentation(ticket, gate, traveller))

    return handle


def presentations(day):
    """Every ticket is shown once at a fast gate and once at a careful gate, by the same traveller."""
    for n, ticket in enumerate(day["tickets"]):
        traveller = f"traveller-{n}"
        yield day["fast_gates"][n % 2], False, traveller, ticket
        yield day["fast_gates"][(n + 1) % 2], False, traveller, ticket
        yield day["careful_gates"][n % 2], True, traveller, ticket


def main(day):
    logging.basicConfig(level=logging.WARNING)
    ledger = TicketLedger(day["tickets"], day["stamp_s"])
    journal = []
    ledger.on_redeem(lambda p, ok: journal.append((p.gate, p.ticket, ok)))
    handlers = {}
    clerk = threading.Timer(day["audit_after_s"], ledger.audit)
    started = time.perf_counter()
    clerk.start()
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="gate") as pool:
        futures = []
        for gate, careful, traveller, ticket in presentations(day):
            handler = handlers.setdefault(gate, gate_handler(ledger, gate, careful))
            futures.append(pool.submit(handler, traveller, ticket))
        wait(futures)
    clerk.join()
    elapsed = time.perf_counter() - started
    accepted = sum(1 for f in futures if f.result())
    print(f"accepted = {accepted} (expected {len(day['tickets'])}); refused = {len(ledger.refused)}")
    print(f"fast = {ledger.fast_count}, careful = {ledger.careful_count}, guard entries = {ledger.guard.entries}")
    print(f"outstanding at audit: {getattr(ledger, 'last_audit', None)}")
    print(f"journal has {len(journal)} lines; day ended after {elapsed:.2f}s")


if __name__ == "__main__":
    main(DAY)
