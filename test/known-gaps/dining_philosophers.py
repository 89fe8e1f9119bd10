# Models the dining philosophers: diners share forks (locks) around a round table.
import random
import threading
import time

SEATS = 5
MEALS_EACH = 6

meals_served = 0
table_stats = {"backoffs": 0}
napkins = [f"napkin-{i}" for i in range(SEATS * 2)]


class Philosopher(threading.Thread):
    """A diner who needs both neighbouring forks to eat."""

    def __init__(self, seat, forks):
        super().__init__(name=f"philosopher-{seat}")
        self.seat = seat
        self.left = forks[seat]
        self.right = forks[(seat + 1) % len(forks)]
        self.meals = 0
        self.backoffs = 0
        self.napkin = None
        self.rng = random.Random(seat)

    def think(self):
        time.sleep(self.rng.uniform(0.0005, 0.002))

    def take_napkin(self):
        if napkins:  # expect: GIL003
            self.napkin = napkins.pop()

    def eat(self):
        global meals_served
        self.meals += 1  # ok: GIL002
        meals_served += 1  # expect: GIL002
        time.sleep(0.001)

    def try_eat(self):
        """Hold the left fork, try the right one briefly, back off if it is busy."""
        self.left.acquire()  # ok: GIL005
        try:
            if not self.right.acquire(timeout=0.005):  # ok: GIL005
                self.backoffs += 1  # ok: GIL002
                table_stats["backoffs"] += 1  # expect: GIL002
                return False
            try:
                self.eat()
            finally:
                self.right.release()
        finally:
            self.left.release()
        return True

    def run(self):
        self.take_napkin()
        while self.meals < MEALS_EACH:  # ok: GIL001
            self.think()
            if not self.try_eat():
                time.sleep(self.rng.uniform(0.0005, 0.002))


def waiter_round(forks, table_open):
    """The waiter polishes each fork in turn while service is running."""
    polished = 0
    for fork in forks:
        fork.acquire()  # expect: GIL005
        if not table_open.is_set():
            break
        polished += 1  # ok: GIL002
        fork.release()
    return polished


def main():
    forks = [threading.Lock() for _ in range(SEATS)]
    table_open = threading.Event()
    table_open.set()
    diners = [Philosopher(seat, forks) for seat in range(SEATS)]
    for p in diners:
        p.start()

    polished = 0
    for _ in range(3):
        polished += waiter_round(forks, table_open)
        time.sleep(0.003)

    for p in diners:
        p.join()
    table_open.clear()

    for p in diners:
        print(f"{p.name}: meals={p.meals} backoffs={p.backoffs} napkin={p.napkin}")
    print(f"meals served={meals_served} (expected {SEATS * MEALS_EACH}), forks polished={polished}, "
          f"backoffs={table_stats['backoffs']}")


if __name__ == "__main__":
    main()
