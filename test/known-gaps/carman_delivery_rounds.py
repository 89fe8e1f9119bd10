"""Delivery rounds: each carman drives his round in a thread started by the depot dispatcher.

Heavy drops need the depot's one dray cart; every drop is announced to the registered listeners,
and each round passes the turnpike gate once.
"""
import logging
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("carman.rounds")

ROUNDS = {
    "Amos": [("3 Mill St", "parcel", 3), ("Brewery", "heavy", 4), ("9 Kiln Row", "coal", 2),
             ("Chandlers", "parcel", 2), ("Infirmary", "parcel", 3)],
    "Bert": [("Tannery", "heavy", 5), ("2 Well Lane", "coal", 2), ("Vicarage", "parcel", 2),
             ("Corn Exchange", "heavy", 3)],
    "Cyril": [("14 Kiln Row", "coal", 2), ("Post Office", "parcel", 2), ("Smithy", "heavy", 4),
              ("Rope Walk", "coal", 3), ("Bank", "parcel", 1)],
}


@dataclass
class Stop:
    address: str
    kind: str
    minutes: int

    @property
    def drive_s(self):
        return self.minutes / 1000


@dataclass
class DrayCart:
    """The depot's only heavy cart; lent to whichever carman asks first."""
    free: bool = True
    holder: str = ""
    lends: int = 0


class Round:
    def __init__(self, carman, stops, cart, gate, listeners):
        self.carman = carman
        self.stops = [Stop(*s) for s in stops]
        self.cart = cart
        self.gate = gate
        self.listeners = listeners
        self.delivered = []
        self.waited_for_cart = 0
        self.runner = self._drive

    def _claim_cart(self):
        if self.cart.free:  # expect: GIL003
            self.cart.free = False
            self.cart.holder = self.carman
            return True
        return False

    def _return_cart(self):
        self.cart.holder = ""
        self.cart.free = True

    def _pass_turnpike(self):
        if not self.gate.acquire(timeout=0.5):  # ok: GIL005
            log.warning("%s turned back at the turnpike", self.carman)
            return False
        try:
            time.sleep(0.001)  # pay the toll-keeper
        finally:
            self.gate.release()
        return True

    def _notify(self, stop):
        for listener in self.listeners:
            listener(self.carman, stop)

    def _drive(self):
        self._pass_turnpike()
        for stop in self.stops:  # ok: GIL001
            if stop.kind == "heavy":
                while not self._claim_cart():
                    self.waited_for_cart += 1
                    time.sleep(0.001)
                time.sleep(stop.drive_s)  # slow going with the dray
                self._return_cart()
            else:
                time.sleep(stop.drive_s)  # trot to the door
            self.delivered.append(stop.address)
            self._notify(stop)


class Dispatcher:
    def __init__(self, **thread_defaults):
        self.thread_defaults = thread_defaults
        self.threads = []

    def launch(self, target, name):
        t = threading.Thread(target=target, name=name, **self.thread_defaults)
        self.threads.append(t)
        t.start()
        return t

    def wait_all(self):
        for t in self.threads:
            t.join()


class Depot:
    def __init__(self, dispatcher):
        self.dispatcher = dispatcher
        self.listeners = []

    def subscribe(self, fn):
        self.listeners.append(fn)
        return fn

    def send_out(self, rounds):
        for rnd in rounds:
            self.dispatcher.launch(rnd.runner, f"round-{rnd.carman}")


def make_kind_counter(tally):
    def on_delivered(carman, stop):
        tally[stop.kind] = tally.get(stop.kind, 0) + 1  # expect: GIL002
    return on_delivered


def make_logbook(lines, lock):
    def on_delivered(carman, stop):
        with lock:
            lines.append(f"{carman} -> {stop.address} ({stop.kind})")
    return on_delivered


def main():
    logging.basicConfig(level=logging.WARNING)
    tally, lines = {}, []
    depot = Depot(Dispatcher(daemon=False))
    depot.subscribe(make_kind_counter(tally))
    depot.subscribe(make_logbook(lines, threading.Lock()))
    cart, gate = DrayCart(), threading.Lock()
    rounds = [Round(name, stops, cart, gate, depot.listeners) for name, stops in ROUNDS.items()]
    t0 = time.perf_counter()
    depot.send_out(rounds)
    depot.dispatcher.wait_all()
    wall = time.perf_counter() - t0
    for rnd in rounds:
        print(f"{rnd.carman}: {len(rnd.delivered)} drops, waited {rnd.waited_for_cart}x for the dray")
    expected = sum(len(s) for s in ROUNDS.values())
    print(f"deliveries = {sum(tally.values())} (expected {expected}); logbook {len(lines)} lines")
    print(f"by kind: {dict(sorted(tally.items()))}; wall {wall:.2f}s")


if __name__ == "__main__":
    main()
