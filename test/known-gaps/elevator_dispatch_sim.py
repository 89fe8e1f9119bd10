"""Group dispatch for a bank of elevators (software-in-the-loop simulation).

Each car is a thread that serves the calls in its inbox. Hall calls come in
from two lobby panels, each served by its own dispatcher thread, which picks
the nearest idle car or parks the call on the shared backlog.
"""
import logging
import queue
import random
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("elevator.dispatch")

FLOOR_TIME = 0.002
DOOR_TIME = 0.003
BANK = {"cars": 3, "floors": 20}


@dataclass(frozen=True)
class HallCall:
    call_id: int
    floor: int
    destination: int


class ArrivalLog:
    """Arrival listener: per-floor arrival counts for the traffic report."""

    def __init__(self):
        self.arrivals = {}

    def record(self, car, floor):
        self.arrivals[floor] = self.arrivals.get(floor, 0) + 1  # expect: GIL002


class Car(threading.Thread):
    def __init__(self, car_id, dispatcher, listeners):
        super().__init__(name=f"car-{car_id}", daemon=True)
        self.car_id = car_id
        self.dispatcher = dispatcher
        self.listeners = listeners
        self.inbox = queue.Queue()
        self.floor = 0
        self.idle = True
        self.trips = 0
        self._stop_event = threading.Event()

    def stop(self):
        self._stop_event.set()

    def _travel(self, target):
        floor = self.floor
        while floor != target:
            floor += 1 if target > floor else -1
            self.floor = floor
            time.sleep(FLOOR_TIME)
        for listener in self.listeners:
            listener(self, target)
        time.sleep(DOOR_TIME)

    def run(self):
        trips = 0
        while not self._stop_event.is_set():  # ok: GIL001
            try:
                call = self.inbox.get(timeout=0.01)
            except queue.Empty:
                self.dispatcher.car_free(self)
                continue
            self._travel(call.floor)
            self._travel(call.destination)
            trips += 1  # ok: GIL002
            self.idle = True
            self.dispatcher.car_free(self)
        self.trips = trips


class Dispatcher:
    def __init__(self):
        self._lock = threading.Lock()
        self.cars = []
        self.backlog = []
        self.stats = {"dispatched": 0, "backlogged": 0, "from_backlog": 0}

    def _nearest_idle(self, floor):
        idle = [c for c in self.cars if c.idle]
        return min(idle, key=lambda c: abs(c.floor - floor)) if idle else None

    def assign(self, call):
        car = self._nearest_idle(call.floor)
        if car is not None and car.idle:  # expect: GIL003
            car.idle = False
            car.inbox.put(call)
            self.stats["dispatched"] += 1  # expect: GIL002
            return car
        with self._lock:
            self.backlog.append(call)
            self.stats["backlogged"] += 1  # ok: GIL002
        return None

    def car_free(self, car):
        """Called by a car's own thread when it has nothing to do."""
        with self._lock:
            if self.backlog:  # ok: GIL003
                car.idle = False
                car.inbox.put(self.backlog.pop(0))
                self.stats["from_backlog"] += 1  # ok: GIL002

    def pending(self):
        with self._lock:
            waiting = len(self.backlog)
        return waiting + sum(c.inbox.qsize() + (not c.idle) for c in self.cars)

    def serve_panel(self, calls, gap):
        for call in calls:  # ok: GIL001
            car = self.assign(call)
            log.debug("call %d at floor %d -> %s", call.call_id, call.floor, car.name if car else "backlog")
            time.sleep(gap)


def panel_traffic(panel, n, floors, seed):
    rng = random.Random(seed)
    for i in range(n):
        origin = 0 if rng.random() < 0.6 else rng.randrange(1, floors)
        dest = rng.randrange(1, floors) if origin == 0 else 0
        yield HallCall(panel * 1000 + i, origin, dest)


def simulate(n_calls=12, gap=0.008, **bank):
    cfg = {**BANK, **bank}
    dispatcher = Dispatcher()
    arrivals = ArrivalLog()
    listeners = [arrivals.record]
    dispatcher.cars = [Car(i, dispatcher, listeners) for i in range(cfg["cars"])]
    for car in dispatcher.cars:
        car.start()
    panels = [
        threading.Thread(target=dispatcher.serve_panel,
                         args=(list(panel_traffic(p, n_calls, cfg["floors"], seed=p)), gap),
                         name=f"panel-{p}")
        for p in range(2)
    ]
    for p in panels:
        p.start()
    for p in panels:
        p.join()
    while dispatcher.pending():
        time.sleep(0.01)
    for car in dispatcher.cars:
        car.stop()
    for car in dispatcher.cars:
        car.join()
    return dispatcher, arrivals


def main():
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    started = time.perf_counter()
    dispatcher, arrivals = simulate(cars=3)
    trips = {c.name: c.trips for c in dispatcher.cars}
    log.info("served %d trips in %.2fs: %s", sum(trips.values()), time.perf_counter() - started, trips)
    print("stats:", dispatcher.stats)
    print("busiest floors:", sorted(arrivals.arrivals.items(), key=lambda kv: -kv[1])[:3])


if __name__ == "__main__":
    main()
